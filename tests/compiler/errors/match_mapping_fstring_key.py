match data:
    case {f"key": 1}:
        pass
