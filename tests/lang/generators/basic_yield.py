# Basic generator functions: laziness, state, exhaustion.
def gen():
    print('start')
    yield 1
    print('between')
    yield 2
    print('end')
g = gen()
print(type(g).__name__)
print('created')
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print('StopIteration', e.value)
try:
    next(g)
except StopIteration:
    print('still exhausted')
print(list(gen()))
def countdown(n):
    while n > 0:
        yield n
        n -= 1
print(list(countdown(5)), sum(countdown(100)))
# yield as expression without send gives None
def echo():
    x = yield 'first'
    print('received', x)
    y = yield 'second'
    print('received', y)
e = echo()
print(next(e))
print(next(e))
try:
    next(e)
except StopIteration:
    print('done')
# a function with yield anywhere is a generator, even if unreachable
def maybe():
    return 5
    yield
m = maybe()
print(type(m).__name__)
try:
    next(m)
except StopIteration as e:
    print('value', e.value)
# generator objects are their own iterators
g2 = countdown(2)
print(iter(g2) is g2, g2.__name__, g2.__qualname__)
# local state survives
def accumulate(items):
    total = 0
    for i in items:
        total += i
        yield total
print(list(accumulate([1, 2, 3, 4])))
