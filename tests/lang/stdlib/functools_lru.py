# functools.lru_cache over the native _lru_cache_wrapper: eviction during recursion,
# cache_clear during a call, typed keys, keyword order, methods, copying.
from functools import lru_cache
import functools
@lru_cache(maxsize=2)
def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)
print(fib(30), fib.cache_info())
@lru_cache(maxsize=3)
def f(*a, **k):
    if a and a[0] == 'clear': f.cache_clear()
    return (a, sorted(k.items()))
print(f(1, a=1, b=2), f(1, b=2, a=1), f.cache_info())
print(f('clear'), f.cache_info(), f(2), f(3), f(4), f(5), f(2), f.cache_info())
@lru_cache(maxsize=10, typed=True)
def t(x, y=0): return (type(x).__name__, x)
print(t(1), t(1.0), t(True), t(1, y=0), t(x=1), t.cache_info())
print(type(t).__name__, t.__wrapped__.__name__, repr(t)[:30] == repr(t)[:30])
calls = 0
@lru_cache(maxsize=None)
def g(x):
    global calls; calls += 1
    if x > 0: return g(x - 1) + 1
    return 0
print(g(200), calls, g.cache_info())
class A:
    @lru_cache(maxsize=4)
    def m(self, x): return x * 2
    @classmethod
    @lru_cache
    def c(cls): return cls.__name__
a = A(); print(a.m(2), a.m(2), A.m.cache_info(), A.c(), A.m.__get__(None, A) is A.m)
print(lru_cache(maxsize=-5)(len).cache_info(), lru_cache()(len)('abc'))
import copy
print(copy.copy(fib) is fib, copy.deepcopy(fib) is fib)
try: lru_cache(maxsize=1.5)
except TypeError as e: print(e)
d = {}
@lru_cache(2)
def h(k): return k
for i in range(10): h(i % 3)
print(h.cache_info())
