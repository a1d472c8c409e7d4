# yield from: delegation, return values, and nested delegation.
def inner():
    yield 1
    yield 2
    return 'inner result'
def outer():
    r = yield from inner()
    print('inner returned', r)
    yield 3
    return 'outer result'
g = outer()
print(list(g))
def collect():
    r = yield from outer()
    yield r
print(list(collect()))
# yield from any iterable
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], 'ab', range(3), {'k': 1})))
# yield from returns StopIteration.value, None by default
def noret():
    yield 'x'
def wrapper():
    r = yield from noret()
    yield r
print(list(wrapper()))
# recursive delegation
def flatten(x):
    if isinstance(x, list):
        for item in x:
            yield from flatten(item)
    else:
        yield x
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
def tree(n):
    if n == 0:
        return 0
    left = yield from tree(n - 1)
    yield n
    return left + n
g = tree(3)
out = []
try:
    while True:
        out.append(next(g))
except StopIteration as e:
    print(out, e.value)
# yield from a non-iterable
def bad():
    yield from 5
try:
    list(bad())
except TypeError as e:
    print(type(e).__name__, e)
# the value of return in a generator is not yielded
def only_return():
    return 42
    yield
print(list(only_return()))
