# def parameters: parenthesized
def f((a, b)):
    pass
