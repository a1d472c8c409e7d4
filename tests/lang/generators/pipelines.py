# Coroutine-style pipelines built from generators with send().
def coroutine(fn):
    def start(*a, **kw):
        g = fn(*a, **kw)
        next(g)
        return g
    return start
@coroutine
def printer(prefix):
    while True:
        item = yield
        print(prefix, item)
@coroutine
def grep(pattern, target):
    while True:
        line = yield
        if pattern in line:
            target.send(line)
@coroutine
def upper(target):
    while True:
        target.send((yield).upper())
@coroutine
def broadcast(targets):
    while True:
        item = yield
        for t in targets:
            t.send(item)
p = printer('>>')
pipeline = grep('py', upper(p))
for line in ['python rocks', 'java', 'pypy too', 'c++']:
    pipeline.send(line)
b = broadcast([grep('a', printer('A:')), grep('b', printer('B:'))])
for w in ['abc', 'axe', 'bob', 'zzz']:
    b.send(w)
# a pull pipeline of plain generators
def read(lines):
    for l in lines:
        yield l
def strip_comments(lines):
    for l in lines:
        l = l.split('#')[0].strip()
        if l:
            yield l
def parse_kv(lines):
    for l in lines:
        k, _, v = l.partition('=')
        yield k.strip(), v.strip()
src = ['a = 1', '# comment', 'b=2 # trailing', '', 'c = three']
print(dict(parse_kv(strip_comments(read(src)))))
# an averaging coroutine with a result returned via StopIteration
def averager():
    total = count = 0
    while True:
        v = yield
        if v is None:
            return total / count if count else 0
        total += v
        count += 1
def drive(values):
    a = averager()
    next(a)
    for v in values:
        a.send(v)
    try:
        a.send(None)
    except StopIteration as e:
        return e.value
print(drive([1, 2, 3, 4]), drive([]))
# delegating generator collects sub-results
def grouper(results, key):
    while True:
        results[key] = yield from averager()
results = {}
for key, vals in [('x', [1, 3]), ('y', [10, 20, 30])]:
    g = grouper(results, key)
    next(g)
    for v in vals:
        g.send(v)
    g.send(None)
print(results)
