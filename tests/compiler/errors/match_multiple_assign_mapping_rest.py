match config:
    case {"name": name, **name}:
        pass
