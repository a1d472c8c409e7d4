# Generator functions as the language needs them: yield, return value, send basics.
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return 'done'
g = count_up(3)
print(type(g).__name__, list(g))
g = count_up(1)
print(next(g))
try:
    next(g)
except StopIteration as e:
    print(type(e).__name__, e.value)
def echo():
    received = []
    while True:
        v = yield len(received)
        if v is None:
            break
        received.append(v)
    return received
e = echo()
print(next(e), e.send('a'), e.send('b'))
try:
    next(e)
except StopIteration as s:
    print('returned', s.value)
def delegate():
    r = yield from count_up(2)
    yield r
print(list(delegate()))
def empty():
    return
    yield
print(list(empty()))
