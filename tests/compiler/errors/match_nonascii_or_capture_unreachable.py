match données:
    case "clé" | élément | "fin":
        pass
