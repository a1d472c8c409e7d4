# __context__, __cause__ and __suppress_context__ set by raise, raise from, raise from None.
def show(e):
    print(type(e).__name__, repr(e.__context__), repr(e.__cause__), e.__suppress_context__)
try:
    try:
        raise ValueError('first')
    except ValueError:
        raise KeyError('second')
except KeyError as e:
    show(e)
try:
    try:
        raise ValueError('first')
    except ValueError as v:
        raise KeyError('second') from v
except KeyError as e:
    show(e)
try:
    try:
        raise ValueError('first')
    except ValueError:
        raise KeyError('second') from None
except KeyError as e:
    show(e)
try:
    raise KeyError('no context') from TypeError('cause')
except KeyError as e:
    show(e)
try:
    raise KeyError from TypeError
except KeyError as e:
    show(e)
try:
    raise KeyError from 5
except TypeError as e:
    print(type(e).__name__, e)
# context is set for exceptions raised anywhere during handling, including in functions
def inner():
    raise IndexError('in function')
try:
    try:
        1 / 0
    except ZeroDivisionError:
        inner()
except IndexError as e:
    show(e)
# finally block exception gets the pending exception as context
try:
    try:
        raise ValueError('pending')
    finally:
        raise RuntimeError('from finally')
except RuntimeError as e:
    show(e)
# a re-raised exception does not get itself as context
try:
    try:
        raise ValueError('x')
    except ValueError as v:
        raise v
except ValueError as e:
    show(e)
# attributes are writable
e = ValueError('w')
e.__cause__ = KeyError('c')
print(e.__suppress_context__, repr(e.__cause__))
e.__suppress_context__ = False
e.__context__ = None
try:
    e.__cause__ = 'not an exception'
except TypeError as err:
    print(type(err).__name__, err)
try:
    e.__context__ = 3
except TypeError as err:
    print(type(err).__name__, err)
# context chain with three levels
try:
    try:
        try:
            raise OSError('a')
        except OSError:
            raise LookupError('b')
    except LookupError:
        raise ArithmeticError('c')
except ArithmeticError as e:
    chain = []
    x = e
    while x is not None:
        chain.append(type(x).__name__)
        x = x.__context__
    print(chain)
# cycle avoidance: raising the context exception again
try:
    try:
        raise ValueError('A')
    except ValueError as a:
        try:
            raise TypeError('B')
        except TypeError as b:
            raise a
except ValueError as e:
    print(repr(e.__context__), repr(e.__context__.__context__))
