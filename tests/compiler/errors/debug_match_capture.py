match value:
    case [first, __debug__]:
        pass
