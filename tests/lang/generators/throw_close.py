# throw() and close(), GeneratorExit handling.
def g():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print('caught in gen:', e)
        yield 'recovered'
    finally:
        print('gen finally')
gen = g()
print(next(gen))
print(gen.throw(ValueError('boom')))
try:
    next(gen)
except StopIteration:
    print('stopped')
# throw into an unstarted generator raises immediately without running it
gen = g()
try:
    gen.throw(KeyError('early'))
except KeyError as e:
    print('early throw:', repr(e))
print(list(gen))
# throw an exception that is not caught propagates out
gen = g()
next(gen)
try:
    gen.throw(TypeError, 'typed')
except TypeError as e:
    print('propagated:', e)
# close() raises GeneratorExit inside
def closer():
    try:
        yield 1
    except GeneratorExit:
        print('GeneratorExit seen')
        raise
c = closer()
next(c)
c.close()
c.close()
print('closed twice fine')
# yielding in response to GeneratorExit is an error
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print(type(e).__name__, e)
# the generator is still suspended at 'yield 2'; finish it so nothing is left to finalize
print(list(s))
# close on a never-started generator does nothing
def never():
    print('never printed')
    yield
never().close()
# returning a value on GeneratorExit
def ret_on_close():
    try:
        yield
    except GeneratorExit:
        return 'ignored'
r = ret_on_close()
next(r)
print(r.close())
# throw with a traceback-less instance and check the value from a return
def catcher():
    try:
        yield
    except Exception as e:
        return f'caught {type(e).__name__}'
c2 = catcher()
next(c2)
try:
    c2.throw(IndexError)
except StopIteration as e:
    print(e.value)
# throw passes through yield from into the inner generator
def inner():
    try:
        yield 'in'
    except ValueError:
        yield 'inner handled'
def outer():
    yield from inner()
    yield 'outer after'
o = outer()
print(next(o), o.throw(ValueError), next(o))
