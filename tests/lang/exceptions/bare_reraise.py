# Bare raise re-raises the exception being handled.
def f():
    try:
        raise ValueError('original')
    except ValueError:
        raise
try:
    f()
except ValueError as e:
    print(type(e).__name__, e)
# re-raise in nested handler raises the innermost handled exception
try:
    try:
        raise KeyError('outer')
    except KeyError:
        try:
            raise IndexError('inner')
        except IndexError:
            pass
        raise
except Exception as e:
    print(type(e).__name__, e)
# bare raise with nothing handled
try:
    raise
except RuntimeError as e:
    print(type(e).__name__, e)
# raise e keeps the same object
try:
    try:
        raise TypeError('same')
    except TypeError as e:
        saved = e
        raise e
except TypeError as e2:
    print(e2 is saved)
# re-raise after a handled exception inside a function called from except
def helper():
    try:
        raise NameError('helper')
    except NameError:
        pass
try:
    try:
        raise ZeroDivisionError('zd')
    except ZeroDivisionError:
        helper()
        raise
except ZeroDivisionError as e:
    print(type(e).__name__, e)
# bare raise in finally after except
def fin():
    try:
        raise OSError('os')
    except OSError:
        pass
    finally:
        try:
            raise
        except RuntimeError as e:
            print('in finally:', type(e).__name__, e)
fin()
# sys.exc_info during handling and after
import sys
try:
    raise ValueError('x')
except ValueError:
    print(sys.exc_info()[0].__name__, sys.exception().__class__.__name__ if hasattr(sys, 'exception') else 'no sys.exception')
print(sys.exc_info())
