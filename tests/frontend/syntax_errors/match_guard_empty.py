# a case guard with no condition
match x:
    case y if:
        pass
