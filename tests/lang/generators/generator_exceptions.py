# Exception handling context inside generators across yields.
import sys
def g():
    try:
        raise ValueError('inside')
    except ValueError:
        print('in handler before yield:', sys.exc_info()[0].__name__)
        yield 1
        print('in handler after yield:', sys.exc_info()[0].__name__)
    print('outside handler:', sys.exc_info()[0])
    yield 2
gen = g()
print(next(gen))
print('caller sees:', sys.exc_info()[0])
try:
    raise KeyError('caller')
except KeyError:
    print(next(gen))
    print('caller still handling:', sys.exc_info()[0].__name__)
# an exception raised in a generator while the caller handles another gets that as context
def raiser():
    yield
    raise TypeError('from gen')
r = raiser()
next(r)
try:
    try:
        raise OSError('caller error')
    except OSError:
        next(r)
except TypeError as e:
    print(repr(e), repr(e.__context__))
# try/finally across a yield, with return value
def fin():
    try:
        yield 'a'
        return 'result'
    finally:
        print('fin finally')
f = fin()
print(next(f))
try:
    next(f)
except StopIteration as e:
    print('value', e.value)
# generator catching an exception thrown at a specific yield
def catch_at():
    for i in range(3):
        try:
            yield i
        except ValueError:
            print('caught at', i)
c = catch_at()
print(next(c), c.throw(ValueError), c.throw(ValueError))
try:
    c.throw(ValueError)
except ValueError:
    print('not caught after loop finished? ->', 'propagated')
except StopIteration:
    print('StopIteration')
