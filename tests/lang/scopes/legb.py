# Name resolution order: local, enclosing, global, built-in.
x = 'global'
def f():
    x = 'enclosing'
    def g():
        x = 'local'
        return x
    def h():
        return x
    return g(), h()
print(f())
def k():
    return x
print(k())
def uses_builtin():
    return len('abc')
print(uses_builtin())
len = lambda s: 'shadowed len'
print(uses_builtin())
del len
print(uses_builtin())
def shadow_builtin_locally():
    max = 'local max'
    return max
print(shadow_builtin_locally(), max(1, 2))
def outer():
    y = 1
    def mid():
        def inner():
            return y + 1
        return inner()
    return mid()
print(outer())
print = print
print('module-level rebinding of print works')
