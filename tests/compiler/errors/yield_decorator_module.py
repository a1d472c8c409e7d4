@(yield)
def f():
    pass
