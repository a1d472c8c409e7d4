match command:
    case "go" | other | "stop":
        pass
