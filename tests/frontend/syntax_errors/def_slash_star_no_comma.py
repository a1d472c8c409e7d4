# no comma between / and *
def f(a, / *): pass
