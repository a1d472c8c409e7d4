# Comprehensions have their own scope but see enclosing function scopes.
def f():
    base = 10
    return [base + i for i in range(3)]
print(f())
def g():
    items = [1, 2]
    return [[x * y for y in items] for x in items]
print(g())
def h():
    fns = [lambda: i for i in range(3)]
    return [fn() for fn in fns]
print(h())
def k():
    total = 0
    vals = [total := total + v for v in range(5)]
    return vals, total
print(k())
x = 'global'
print([x for _ in range(1)])
def m():
    x = 'local'
    return [x for _ in range(1)], (x for _ in range(1)).__next__()
print(m())
