# / with no parameter before it, then *
def f(/ *): pass
