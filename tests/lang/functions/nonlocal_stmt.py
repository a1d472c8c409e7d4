# nonlocal rebinding through several levels.
def level1():
    x = 'l1'
    def level2():
        def level3():
            nonlocal x
            x = 'changed by l3'
        level3()
        return x
    r = level2()
    return r, x
print(level1())
def accumulate():
    total = 0
    items = []
    def add(v):
        nonlocal total
        total += v
        items.append(v)
        return total
    add(1); add(2); add(3)
    return total, items
print(accumulate())
def shadow():
    x = 'outer'
    def inner():
        x = 'inner local'
        return x
    inner()
    return x
print(shadow())
def two_vars():
    a = b = 0
    def bump():
        nonlocal a, b
        a += 1
        b -= 1
    bump(); bump()
    return a, b
print(two_vars())
def nonlocal_in_loop():
    fns = []
    n = 0
    for _ in range(3):
        def inc():
            nonlocal n
            n += 10
        fns.append(inc)
    for f in fns:
        f()
    return n
print(nonlocal_in_loop())
