# Runtime behaviour around nonlocal, global and del of closed-over names.
def f():
    x = 1
    def g():
        nonlocal x
        del x
    g()
    try:
        return x
    except NameError as e:
        return type(e).__name__ + ': ' + str(e)
print(f())
def h():
    y = 'cell'
    def reader():
        return y
    del y
    try:
        return reader()
    except NameError as e:
        return type(e).__name__ + ': ' + str(e)
print(h())
def k():
    z = 'before'
    def reader():
        return z
    r1 = reader()
    z = 'after'
    return r1, reader()
print(k())
