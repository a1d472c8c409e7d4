match point:
    case (x, y) | (x, 0):
        pass
