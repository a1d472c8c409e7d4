match data:
    case {1: a, True: b}:
        pass
