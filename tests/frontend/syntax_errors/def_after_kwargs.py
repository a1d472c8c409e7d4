# def parameters: after_kwargs
def f(**k, a):
    pass
