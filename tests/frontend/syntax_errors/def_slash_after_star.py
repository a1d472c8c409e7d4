# def parameters: slash_after_star
def f(*, a, /):
    pass
