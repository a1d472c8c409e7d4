# a complex literal pattern that is not real+imaginary
match x:
    case 1 + 1:
        pass
