# Positional-only parameters.
def f(a, b, /, c, d=4):
    return a, b, c, d
print(f(1, 2, 3), f(1, 2, c=3), f(1, 2, 3, d=5))
try:
    f(1, b=2, c=3)
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(a=1, b=2, c=3)
except TypeError as e:
    print(type(e).__name__, e)
def g(x, /, **kw):
    return x, kw
print(g(1, x=2))
def h(a, b=2, /):
    return a, b
print(h(1), h(1, 5))
try:
    h()
except TypeError as e:
    print(type(e).__name__, e)
try:
    h(1, 2, 3)
except TypeError as e:
    print(type(e).__name__, e)
def m(p, /, q, *, r):
    return p, q, r
print(m(1, 2, r=3), m(1, q=2, r=3))
print(f.__code__.co_posonlyargcount, m.__code__.co_posonlyargcount, m.__code__.co_kwonlyargcount)
