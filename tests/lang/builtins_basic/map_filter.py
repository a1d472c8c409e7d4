# map() and filter(): laziness and multiple iterables.
print(list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(abs, [])))
print(list(filter(None, [0, 1, '', 'a', [], [0], None])), list(filter(lambda v: v > 1, [1, 2, 3])))
m = map(lambda v: 10 // v, [5, 0])
print(type(m).__name__, next(m))
try:
    next(m)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
log = []
def noisy(v):
    log.append(v)
    return v
lazy = map(noisy, [1, 2, 3])
print(log)
print(next(lazy), log)
print(list(lazy), list(lazy), log)
f = filter(str.isdigit, 'a1b2c3')
print(''.join(f), ''.join(f))
print(list(map(pow, [2, 3], [3, 2])), list(map(len, ['', 'ab', 'abc'])))
try:
    map(len)
except TypeError as e:
    print(type(e).__name__, e)
try:
    list(map(len, [1]))
except TypeError as e:
    print(type(e).__name__, e)
