# yield from forwards send/throw/close to the subgenerator and handles plain iterators.
def inner():
    try:
        while True:
            x = yield
            print('inner got', x)
    except GeneratorExit:
        print('inner closing')
        raise
    finally:
        print('inner finally')
def outer():
    try:
        yield from inner()
    finally:
        print('outer finally')
o = outer()
next(o)
o.send(1)
o.send(2)
o.close()
print('--')
# send to a yield from over a list iterator: only None can be sent
def over_list():
    yield from [1, 2, 3]
g = over_list()
print(next(g))
print(g.send(None))
try:
    g.send('x')
except AttributeError as e:
    print(type(e).__name__, e)
# throw into yield from over a plain iterator raises in the delegating generator
def over_iter():
    try:
        yield from iter([1, 2])
    except KeyError as e:
        yield 'delegator caught ' + repr(e)
g = over_iter()
next(g)
print(g.throw(KeyError('k')))
# inner return value when inner is stopped by a thrown exception it handles
def inner2():
    try:
        yield 1
    except ValueError:
        return 'inner2 returned after ValueError'
def outer2():
    r = yield from inner2()
    yield r
g = outer2()
next(g)
print(g.throw(ValueError))
# StopIteration raised explicitly inside the subgenerator becomes RuntimeError
def leaky():
    yield 1
    raise StopIteration
def deleg():
    yield from leaky()
try:
    list(deleg())
except RuntimeError as e:
    print(type(e).__name__, e)
