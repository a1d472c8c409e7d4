# iter() and next().
it = iter([1, 2])
print(next(it), next(it), next(it, 'default'))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__, repr(e))
it2 = iter('ab')
print(iter(it2) is it2, list(it2))
class Counter:
    def __init__(self):
        self.n = 0
    def __call__(self):
        self.n += 1
        return self.n
print(list(iter(Counter(), 4)))
try:
    iter(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    next([1])
except TypeError as e:
    print(type(e).__name__, e)
d_it = iter({'k1': 1, 'k2': 2})
print(next(d_it), type(d_it).__name__)
print(type(iter([])).__name__, type(iter(())).__name__, type(iter('')).__name__, type(iter(range(1))).__name__)
