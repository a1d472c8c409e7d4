match données:
    case {"clé": valeur} | élément:
        pass
