def f(x):
    match x:
        case _ as everything:
            pass
        case 1:
            pass
