# def parameters: star_slash
def f(*a, /):
    pass
