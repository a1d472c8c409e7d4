# Argument binding errors and their exact messages.
def attempt(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
        print('ok')
    except TypeError as e:
        print(type(e).__name__, e)
def none():
    pass
def one(a):
    pass
def two(a, b):
    pass
def three(a, b, c):
    pass
def dflt(a, b=1):
    pass
def dflt2(a, b=1, c=2):
    pass
def kwo(*, k):
    pass
def kwo2(a, *, k, m):
    pass
def pos(a, /):
    pass
def pos2(a, b, /, c):
    pass
def star(*args):
    pass
attempt(none, 1)
attempt(none, 1, 2)
attempt(none, x=1)
attempt(one)
attempt(one, 1, 2)
attempt(one, b=1)
attempt(one, 1, a=2)
attempt(two)
attempt(two, 1)
attempt(two, b=1)
attempt(three, 1)
attempt(three)
attempt(three, c=1)
attempt(dflt)
attempt(dflt, 1, 2, 3)
attempt(dflt2, 1, 2, 3, 4)
attempt(dflt, 1, c=3)
attempt(kwo)
attempt(kwo, 1)
attempt(kwo, 1, k=2)
attempt(kwo2, 1)
attempt(kwo2)
attempt(kwo2, 1, 2, k=3, m=4)
attempt(kwo2, 1, 2, 3)
attempt(pos, a=1)
attempt(pos2, 1, b=2, c=3)
attempt(pos2, a=1, b=2, c=3)
attempt(star, x=1)
attempt(one, 1, **{'a': 2})
attempt(one, **{'a': 1, 'zz': 2})
attempt(dflt, 1, 2, b=3)
attempt(lambda: 0, 1)
attempt(lambda x, y: 0, 1)
def many(a, b, c, d, e):
    pass
attempt(many, 1)
attempt(many, 1, 2, 3, 4)
