# def parameters: kwargs_twice
def f(**a, **b):
    pass
