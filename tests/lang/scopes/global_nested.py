# global inside nested functions, and interaction with nonlocal.
value = 'module'
def outer():
    value = 'outer local'
    def inner():
        global value
        value = 'set by inner'
    inner()
    return value
print(outer(), value)
def outer2():
    def mid():
        def deepest():
            global created
            created = 'deep'
        deepest()
    mid()
outer2()
print(created)
def outer3():
    global value
    def inner():
        return value
    value = 'outer3 assigns the global'
    return inner()
print(outer3(), value)
def outer4():
    n = 0
    def a():
        nonlocal n
        n += 1
        def b():
            global n
            n = 'global n'
        b()
        return n
    return a(), n
print(outer4(), n)
counter = 0
def make():
    def inc():
        global counter
        counter += 1
        return counter
    return inc
i1 = make()
i2 = make()
print(i1(), i2(), i1(), counter)
