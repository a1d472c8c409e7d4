# a case clause outside a match
case 1:
    pass
