# def parameters: varargs_default
def f(*a=1):
    pass
