# def parameters: slash_after_kwargs
def f(**k, /):
    pass
