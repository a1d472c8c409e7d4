match data:
    case {2j: a, 0+2j: b}:
        pass
