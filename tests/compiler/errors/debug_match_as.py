match value:
    case 1 as __debug__:
        pass
