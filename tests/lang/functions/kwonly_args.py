# Keyword-only parameters.
def f(a, *, b, c=3):
    return a, b, c
print(f(1, b=2), f(1, c=4, b=2), f(a=0, b=1))
try:
    f(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(1)
except TypeError as e:
    print(type(e).__name__, e)
def g(*args, key, default=None):
    return args, key, default
print(g(1, 2, key='k'), g(key='only'))
try:
    g(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
def h(*, x, y, z):
    return x + y + z
try:
    h(x=1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    h(1, 2, 3)
except TypeError as e:
    print(type(e).__name__, e)
print(h(z=1, y=2, x=3))
print(f.__kwdefaults__, h.__kwdefaults__, g.__kwdefaults__)
