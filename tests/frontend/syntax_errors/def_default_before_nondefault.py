# def parameters: default_before_nondefault
def f(a=1, b):
    pass
