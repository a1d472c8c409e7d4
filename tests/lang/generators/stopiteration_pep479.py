# PEP 479: StopIteration raised inside a generator becomes RuntimeError.
def leaky():
    yield 1
    raise StopIteration('leaked')
g = leaky()
print(next(g))
try:
    next(g)
except RuntimeError as e:
    print(type(e).__name__, e, repr(e.__cause__), e.__suppress_context__)
def next_on_empty():
    it = iter([])
    yield next(it)
try:
    list(next_on_empty())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)
# StopIteration subclasses are converted too
class MyStop(StopIteration):
    pass
def sub():
    raise MyStop
    yield
try:
    next(sub())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)
# return in a generator is the right way
def good():
    yield 1
    return
print(list(good()))
# StopIteration inside a generator caught inside is fine
def safe():
    it = iter([1])
    while True:
        try:
            v = next(it)
        except StopIteration:
            return 'clean'
        yield v
g = safe()
print(list(g))
# a generator expression converts too
try:
    list(next(iter([])) for _ in range(1))
except RuntimeError as e:
    print('genexpr:', type(e).__name__, e)
# plain iterator classes may raise StopIteration freely
class It:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration
print(list(It()))
# StopIteration inside a list comprehension is NOT converted (no generator)
try:
    [next(iter([])) for _ in range(1)]
except StopIteration:
    print('listcomp lets StopIteration through')
