# a decorator with no expression
@
def f():
    pass
