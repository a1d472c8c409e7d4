# def parameters: kwargs_default
def f(**k=1):
    pass
