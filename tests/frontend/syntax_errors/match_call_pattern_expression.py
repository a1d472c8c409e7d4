# a class pattern whose name is a call
match x:
    case f()():
        pass
