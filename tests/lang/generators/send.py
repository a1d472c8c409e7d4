# send(): values flow into the generator.
def running_avg():
    total = 0
    count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
g = running_avg()
print(g.send(None))
print(g.send(10))
print(g.send(20))
print(g.send(0))
# sending a non-None value to a just-started generator
g2 = running_avg()
try:
    g2.send(5)
except TypeError as e:
    print(type(e).__name__, e)
# send through yield from reaches the inner generator
def inner():
    got = yield 'inner ready'
    print('inner got', got)
    got2 = yield 'inner again'
    print('inner got', got2)
    return 'inner done'
def outer():
    r = yield from inner()
    print('outer sees', r)
    yield 'outer end'
o = outer()
print(next(o))
print(o.send('A'))
print(o.send('B'))
try:
    o.send('C')
except StopIteration:
    print('finished')
# send to a finished generator
def one():
    yield 1
h = one()
next(h)
try:
    h.send(1)
except StopIteration:
    print('StopIteration on send after end')
try:
    h.send(2)
except StopIteration:
    print('again')
# yield expression value in different positions
def exprs():
    a = (yield 1) + (yield 2)
    print('sum', a)
    b = [(yield 3), (yield 4)]
    print('list', b)
e = exprs()
print(next(e), e.send(10), e.send(20), e.send('x'))
try:
    e.send('y')
except StopIteration:
    pass
