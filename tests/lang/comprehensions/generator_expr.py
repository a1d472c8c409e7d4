# Generator expressions: laziness, exhaustion, consumers.
g = (x * 2 for x in range(4))
print(type(g).__name__)
print(next(g), next(g), list(g), list(g))
print(sum(x for x in range(101)), max(len(w) for w in ['a', 'abc']), min(x % 5 for x in [7, 9, 11]))
print(tuple(c for c in 'abc'), sorted((x for x in [3, 1, 2]), reverse=True))
print(any(x > 3 for x in range(5)), all(x < 3 for x in range(5)))
print(''.join(str(d) for d in range(5)))
log = []
def src():
    for i in range(3):
        log.append('yield %d' % i)
        yield i
g = (v * 10 for v in src())
print(log)
print(next(g), log)
print(list(g), log)
print(sum(x * y for x in range(3) for y in range(3) if x != y))
try:
    next(x for x in [])
except StopIteration as e:
    print(type(e).__name__, repr(e))
def first(it):
    for v in it:
        return v
print(first(x for x in range(10) if x > 6))
print(list(zip((i for i in 'ab'), (j for j in range(5)))))
g2 = (1 / x for x in [1, 0])
print(next(g2))
try:
    next(g2)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    next(g2)
except StopIteration:
    print('exhausted after error')
