# def parameters: default_missing
def f(a=):
    pass
