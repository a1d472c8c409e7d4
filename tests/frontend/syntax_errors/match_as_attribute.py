# an as pattern binding an attribute
match x:
    case 1 as a.b:
        pass
