# an assignment expression as a parameter
def f(x := 1):
    pass
