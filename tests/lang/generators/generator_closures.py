# Generators and closures: free variables are read when the generator runs.
def make_gens():
    gens = []
    for i in range(3):
        def g():
            yield i
        gens.append(g())
    return gens
print([next(g) for g in make_gens()])
def make_gens_bound():
    gens = []
    for i in range(3):
        def g(i=i):
            yield i
        gens.append(g())
    return gens
print([next(g) for g in make_gens_bound()])
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
    def watch():
        while True:
            yield count
    return inc, watch()
inc, w = counter()
print(next(w))
inc(); inc()
print(next(w))
# generator created before the variable changes
x = 'before'
def read_x():
    yield x
g = read_x()
x = 'after'
print(next(g))
# generator expressions inside a function capture locals
def outer():
    factor = 2
    ge = (v * factor for v in range(3))
    factor = 10
    return list(ge)
print(outer())
# a generator holding a reference to its closure after the function returns
def maker(start):
    def gen():
        n = start
        while n < start + 3:
            yield n
            n += 1
    return gen
print(list(maker(5)()), list(maker(100)()))
