# a class pattern keyword written with ==
match x:
    case C(a==1):
        pass
