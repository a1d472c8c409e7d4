# Generator expressions: laziness, scoping of the first iterable, single-use.
def noisy(n):
    for i in range(n):
        print('produce', i)
        yield i
ge = (x * 10 for x in noisy(3))
print(type(ge).__name__)
print(next(ge))
print(list(ge))
print(list(ge))
print(sum(x * x for x in range(10)))
print(max((len(w), w) for w in ['a', 'abc', 'ab']))
print(list(x for x in range(10) if x % 3 == 0))
print(list((x, y) for x in range(3) for y in range(x)))
# the first iterable is evaluated immediately, the rest lazily
def src():
    print('src evaluated')
    return [1, 2]
g = (x for x in src())
print('genexpr created')
print(list(g))
try:
    g2 = (x for x in 5)
except TypeError as e:
    print('immediate', type(e).__name__, e)
g3 = (y for x in [1] for y in 5)
try:
    next(g3)
except TypeError as e:
    print('lazy', type(e).__name__, e)
# late binding of free variables
n = 1
g4 = (x + n for x in range(3))
n = 100
print(list(g4))
# genexpr as sole argument
print(''.join(c.upper() for c in 'abc'))
print(sorted((v for v in [3, 1, 2]), reverse=True))
print(any(x > 2 for x in [1, 2, 3]), all(x > 0 for x in []))
print(dict((k, len(k)) for k in ['aa', 'b']))
print(tuple(i for i in range(3)))
print(set(i % 2 for i in range(10)) == {0, 1})
