# functools: reduce, partial, cmp_to_key, lru_cache, wraps, total_ordering,
# cached_property (singledispatch: functools_singledispatch.py).
import functools
from functools import (reduce, partial, cmp_to_key, lru_cache, cache, wraps,
                       total_ordering, cached_property, update_wrapper)


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


# reduce
print(reduce(lambda a, b: a + b, [1, 2, 3, 4, 5]), reduce(lambda a, b: a * b, range(1, 6), 10))
print(reduce(max, [3], 0), reduce(lambda a, b: a + b, [], 'init'), reduce(lambda a, b: a + b, 'abc'))
show("reduce empty", lambda: reduce(lambda a, b: a + b, []))
show("reduce noiter", lambda: reduce(max, 5))
show("reduce args", lambda: reduce(max))
show("reduce kw", lambda: reduce(max, [], initial=1))
show("reduce raise", lambda: reduce(lambda a, b: a / b, [1, 0]))

# partial
def f(a, b, c=3, *, d=4):
    return (a, b, c, d)
p = partial(f, 1)
print(p(2), p(2, 5, d=6), p.func is f, p.args, p.keywords)
p2 = partial(p, 2, d=9)
print(p2(), p2.func is f, p2.args, p2.keywords, p2(c=0, d=1))
print(repr(partial(max, 1, 2, key=abs)), repr(partial(len)))
print(repr(partial(partial(max, 1), 2, key=abs)))
show("partial none", lambda: partial())
show("partial noncallable", lambda: partial(1))
show("partial bad call", lambda: partial(f)())
class MyPartial(partial):
    pass
mp = MyPartial(max, 1)
print(repr(mp), mp(5), type(partial(mp, 2)).__name__, partial(mp, 2).func)
class C:
    meth = partial(f, 'self?')
print(C().meth(2))
p.attr = 'x'
print(p.attr, p.__dict__)
print(partial(p, 3).func is p)
pr = partial(f, 1, d=2)
print(pr.__reduce__()[1:] == ((f,), (f, (1,), {'d': 2}, None)))
q = partial(len)
q.__setstate__((max, (1,), {'key': abs}, None))
print(q(-5), q.args, q.keywords)
many = partial(lambda *a, **k: (len(a), sorted(k)), *range(20), x=1)
print(many(*range(20), y=2))
print(partial(print, sep='-')('a', 'b') is None)
print(partial[int])

# cmp_to_key
def cmp(a, b):
    return (a > b) - (a < b)
print(sorted([5, 2, 4, 1, 3], key=cmp_to_key(cmp)), sorted('bca', key=cmp_to_key(lambda a, b: cmp(b, a))))
K = cmp_to_key(cmp)
print(K(1) < K(2), K(3) >= K(3), K(1) == K(1), K(5).obj, type(K(1)).__name__)
show("K cmp other", lambda: K(1) < 3)
show("K hash", lambda: hash(K(1)))

# lru_cache
calls = []
@lru_cache(maxsize=2)
def sq(x):
    calls.append(x)
    return x * x
print(sq(1), sq(2), sq(1), sq(3), sq(2), sq(1), calls, sq.cache_info())
sq.cache_clear(); print(sq.cache_info(), sq(4), sq.cache_info())
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100), fib.cache_info())
@lru_cache
def ident(*a, **k):
    return (a, k)
print(ident(1), ident(1, x=2), ident(1, x=2), ident.cache_info())
@lru_cache(maxsize=0)
def nocache(x):
    return x
print(nocache(1), nocache(1), nocache.cache_info())
@lru_cache(typed=True)
def typed(x):
    return type(x).__name__
print(typed(1), typed(1.0), typed(True), typed.cache_info().currsize, typed.cache_parameters())
print(sq.__wrapped__(3), sq.__name__, sq.__qualname__, sq.__doc__)
@cache
def counted(x):
    return [x]
print(counted(1) is counted(1), counted.cache_info())
class Obj:
    @lru_cache
    def m(self, x):
        return (id(self) != 0, x)
o = Obj()
print(o.m(1), o.m(1), Obj.m.cache_info())
show("lru bad", lambda: lru_cache(maxsize='x'))
show("lru unhashable", lambda: fib([1]))

# wraps / update_wrapper
def deco(fn):
    @wraps(fn)
    def wrapper(*a, **k):
        """wrapper doc"""
        return fn(*a, **k)
    return wrapper
@deco
def documented(x):
    """Original doc."""
    return x
print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__, documented(7))

# total_ordering
@total_ordering
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
print(V(1) < V(2), V(1) > V(2), V(2) >= V(2), V(1) <= V(0))

# cached_property
class Lazy:
    def __init__(self):
        self.n = 0
    @cached_property
    def value(self):
        self.n += 1
        return self.n * 10
lz = Lazy()
print(lz.value, lz.value, lz.n, 'value' in lz.__dict__)
del lz.value
print(lz.value, lz.n)
