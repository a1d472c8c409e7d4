# def parameters: star_twice
def f(*a, *b):
    pass
