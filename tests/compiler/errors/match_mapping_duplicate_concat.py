match data:
    case {"ab": a, "a" "b": b}:
        pass
