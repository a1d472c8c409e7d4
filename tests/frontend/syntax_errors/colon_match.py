# expected ':' after match
match x
    case 1:
        pass
