match command:
    case [1 | _ | 2]:
        pass
