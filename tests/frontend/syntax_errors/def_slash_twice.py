# def parameters: slash_twice
def f(a, /, b, /):
    pass
