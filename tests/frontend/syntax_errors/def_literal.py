# def parameters: literal
def f(1):
    pass
