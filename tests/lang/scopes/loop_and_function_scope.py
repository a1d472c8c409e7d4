# Names bound by loops, with, except and imports follow the function scope rules.
def f():
    for i in range(3):
        pass
    with_val = None
    class CM:
        def __enter__(self):
            return 'entered'
        def __exit__(self, *a):
            return False
    with CM() as with_val:
        pass
    try:
        raise ValueError('e')
    except ValueError as err:
        caught = str(err)
    import sys as imported
    return i, with_val, caught, 'err' in dir(), imported.__name__
print(f())
def g():
    if False:
        never = 1
    return 'never' in dir(), sorted(dir())
print(g())
def h(a, b=2):
    c = 3
    return sorted(locals().items())
print(h(1))
