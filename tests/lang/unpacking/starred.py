# Starred assignment targets.
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = 'abcd'
print(init, last)
a, *mid, z = range(6)
print(a, mid, z)
a, *mid, z = [1, 2]
print(a, mid, z)
*only, = (1, 2, 3)
print(only)
[*lst] = 'hi'
print(lst)
h, *t = (5,)
print(h, t, type(t).__name__)
*s, = ()
print(s)
for x, *ys in [(1, 2, 3), (4,), 'ab']:
    print(x, ys)
a, (b, *c), *d = 1, (2, 3, 4), 5, 6
print(a, b, c, d)
head, *tail = {'one': 1, 'two': 2, 'three': 3}
print(head, tail)
print([*range(3), *'ab'], (*[1], *{2: 0}), {*[1, 1, 2]}, {**{'a': 1}, 'b': 2})
print(*[1, 2], *(3,), sep='-')
def gen():
    yield 1
    yield 2
    yield 3
p, *q = gen()
print(p, q)
