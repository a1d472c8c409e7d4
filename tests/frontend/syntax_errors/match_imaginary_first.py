# an imaginary number on the left of a complex pattern
match x:
    case 1j + 2:
        pass
