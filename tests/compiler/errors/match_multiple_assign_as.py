match point:
    case [x] as x:
        pass
