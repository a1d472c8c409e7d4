match shape:
    case Point(x, y=x):
        pass
