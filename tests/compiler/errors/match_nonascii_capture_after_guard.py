match données:
    case ["clé", *_] if données:
        pass
    case élément:
        pass
    case "fin":
        pass
