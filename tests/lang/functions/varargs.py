# *args and **kwargs.
def f(*args):
    return args
print(f(), f(1), f(1, 2, 3), type(f()).__name__)
def g(a, *rest):
    return a, rest
print(g(1), g(1, 2, 3))
def h(**kw):
    return kw
print(h(), h(x=1, y=2), type(h()).__name__)
def full(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(full(1, c=3))
print(full(1, 2, 3, 4, c=5, e=6))
print(full(*range(4), c=0, **{'z': 1}))
def mutate(*args, **kw):
    kw['new'] = 1
    return kw
d = {'a': 1}
print(mutate(**d), d)
def count(*a, **k):
    return len(a), len(k)
print(count(*'abc', **dict.fromkeys('xy')))
def f2(a, b):
    return a - b
args = [10, 3]
print(f2(*args), f2(*reversed(args)), f2(**{'b': 1, 'a': 5}), f2(1, *[2]))
