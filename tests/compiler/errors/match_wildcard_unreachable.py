match command:
    case "go":
        pass
    case _:
        pass
    case "quit":
        pass
