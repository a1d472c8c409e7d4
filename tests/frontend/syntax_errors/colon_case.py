# expected ':' after case
match x:
    case 1
        pass
