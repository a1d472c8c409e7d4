match shape:
    case Circle(radius=1, center=Point(x=0, x=1)):
        pass
