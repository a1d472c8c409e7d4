# Infinite generators consumed by hand (no itertools).
def naturals():
    n = 0
    while True:
        yield n
        n += 1
def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out
print(take(5, naturals()))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print(take(15, fib()))
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
        n += 1
print(take(12, primes()))
def cycle(seq):
    while True:
        yield from seq
c = cycle('abc')
print([next(c) for _ in range(7)])
def map_gen(f, it):
    for x in it:
        yield f(x)
def filter_gen(p, it):
    for x in it:
        if p(x):
            yield x
squares_of_odds = map_gen(lambda x: x * x, filter_gen(lambda x: x % 2, naturals()))
print(take(6, squares_of_odds))
# two consumers of one generator share it
g = naturals()
print(next(g), next(g), take(3, g), next(g))
# zip stops at the shortest
print(list(zip('xyz', naturals())))
# collatz sequence until 1
def collatz(n):
    while n != 1:
        yield n
        n = n // 2 if n % 2 == 0 else 3 * n + 1
    yield 1
print(list(collatz(27))[:10], len(list(collatz(27))))
