match point:
    case [first, *first]:
        pass
