# a double star in a sequence pattern
match x:
    case [**a]:
        pass
