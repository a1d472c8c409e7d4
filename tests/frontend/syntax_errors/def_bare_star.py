# def parameters: bare_star
def f(*):
    pass
