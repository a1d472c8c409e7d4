match command:
    case "quit":
        break
