# def parameters: bare_star_kwargs
def f(*, **k):
    pass
