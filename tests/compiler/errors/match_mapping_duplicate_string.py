match config:
    case {"mode": 1,
          "mode": 2}:
        pass
