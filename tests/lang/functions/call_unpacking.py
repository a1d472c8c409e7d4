# Calls with * and ** unpacking into different parameter kinds.
def f(a, b, /, c, *args, d, e=5, **kw):
    return f'a={a} b={b} c={c} args={args} d={d} e={e} kw={kw}'
print(f(*[1, 2, 3], d=4))
print(f(1, *(2, 3, 4, 5), **{'d': 6, 'x': 7}))
print(f(*'xy', c='C', **{'d': 'D', 'e': 'E'}))
print(f(1, 2, **{'c': 3, 'd': 4}))
print(f(1, 2, 3, *[], d=1, **{}))
print(f(*range(10), d=None))
try:
    print(f(*[1, 2], **{'a': 1, 'c': 3, 'd': 4}))
    f(*[1, 2, 3], **{'c': 3, 'd': 4})
except TypeError as e:
    print(type(e).__name__, e)
def g(x, y):
    return x, y
print(g(*{1: 'a', 2: 'b'}), g(**dict(y=1, x=2)))
print(g(*iter([1, 2])), g(*(i for i in 'ab')))
class Mapping:
    def keys(self):
        return ['x', 'y']
    def __getitem__(self, k):
        return k.upper()
print(g(**Mapping()))
