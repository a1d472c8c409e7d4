# Defaults referencing other names, keyword defaults and None sentinels.
base = 100
def f(a, b=base, c=base * 2, *, d=len('four')):
    return a, b, c, d
base = 0
print(f(1), f(1, 2), f(1, d=None))
_missing = object()
def g(v=_missing):
    return 'no value given' if v is _missing else f'given {v!r}'
print(g(), g(None), g(0))
def h(x, y=None, *rest, z=None, **kw):
    return x, y, rest, z, kw
print(h(1), h(1, 2, 3, z=4, w=5))
def k(a, b=[], c={}):
    b.append(a)
    c[a] = len(b)
    return b, c
print(k(1))
print(k(2))
print(k(3, [], {}))
print(k.__defaults__)
