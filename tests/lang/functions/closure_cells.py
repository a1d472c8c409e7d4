# Closures sharing cells across functions and loop iterations.
def make_pair():
    value = 0
    def get():
        return value
    def inc():
        nonlocal value
        value += 1
    return get, inc
get, inc = make_pair()
inc(); inc(); inc()
print(get())
get2, inc2 = make_pair()
print(get2(), get())
def per_iteration():
    fns = []
    for i in range(3):
        def make(j):
            return lambda: j * 10
        fns.append(make(i))
    return [f() for f in fns]
print(per_iteration())
def counter_factory():
    counts = {}
    def count(key):
        counts[key] = counts.get(key, 0) + 1
        return counts[key]
    return count
c = counter_factory()
print(c('a'), c('a'), c('b'), c('a'))
def param_cell(x):
    def show():
        return x
    x = x * 2
    return show
print(param_cell(21)())
def nested_three():
    a = 'A'
    def l2():
        b = 'B'
        def l3():
            return a + b
        return l3
    return l2()
print(nested_three()())
print([f.__code__.co_freevars for f in [get, inc]], nested_three().__code__.co_freevars)
