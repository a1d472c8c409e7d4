# parenthesized parameters after a plain one
def f(a, (b, c)):
    pass
