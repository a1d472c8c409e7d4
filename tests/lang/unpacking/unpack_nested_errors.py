# Errors in nested and starred unpacking, with partial assignment visible afterwards.
a = b = c = 'unset'
try:
    a, (b, c) = 1, (2, 3, 4)
except ValueError as e:
    print(type(e).__name__, e)
print(a, b, c)
try:
    a, *b, c = 'x'
except ValueError as e:
    print(type(e).__name__, e)
print(a, b, c)
try:
    [a, b] = 'xyz'
except ValueError as e:
    print(type(e).__name__, e)
def infinite():
    n = 0
    while True:
        n += 1
        yield n
try:
    p, q = infinite()
except ValueError as e:
    print(type(e).__name__, e)
m, n, *rest = infinite.__name__
print(m, n, rest)
try:
    for (u, v) in [(1, 2), [3, 4], 'xy', 'xyz']:
        print(u, v)
except ValueError as e:
    print(type(e).__name__, e)
