# Miscellaneous generator behaviours: yield in expressions, lambdas, conditional yields, return values.
def g():
    x = yield
    while x is not None:
        x = yield x * 2
gen = g()
next(gen)
print(gen.send(1), gen.send(5), gen.send(10))
try:
    gen.send(None)
except StopIteration:
    print('stopped on None')
# yield inside a lambda makes a generator function
lam = lambda: (yield 'from lambda')
print(list(lam()))
# conditional expression with yield
def cond(flag):
    v = (yield 'a') if flag else 'b'
    yield v
print(list(cond(True)), list(cond(False)))
# yield in a try/except inside a loop with continue and break
def loop():
    for i in range(6):
        try:
            if i == 1:
                continue
            if i == 4:
                break
            yield i
        finally:
            yield f'finally {i}'
print(list(loop()))
# a generator can yield itself
def selfish():
    yield (yield)
s = selfish()
next(s)
print(s.send('sent back'))
# yield tuple without parentheses
def pairs():
    yield 1, 2
    yield
print(list(pairs()))
# bool of a generator is always True
def empty():
    return
    yield
print(bool(empty()), list(empty()))
# generators in zip stop early: the longer one is left suspended, not closed
def tracked(name, n):
    try:
        for i in range(n):
            yield i
    finally:
        print('finally', name)
a = tracked('a', 2)
b = tracked('b', 10)
print(list(zip(a, b)))
print('zip done')
b.close()
