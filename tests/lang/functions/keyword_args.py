# Calling with keyword arguments.
def f(a, b, c=3, d=4):
    return (a, b, c, d)
print(f(1, 2))
print(f(1, b=2))
print(f(b=2, a=1))
print(f(1, 2, d=40))
print(f(d=4, c=3, b=2, a=1))
print(f(1, 2, 3, d=None))
def g(**kw):
    return kw
print(g(z=1, a=2, m=3))
print(g(**{'if': 1, 'not an identifier': 2}))
def h(a, **kw):
    return a, kw
print(h(a=1, b=2))
print(h(1, a2=2))
print(dict(a=1, b=2), dict({'x': 0}, y=1))
