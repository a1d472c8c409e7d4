# Exception matching: tuples, subclasses, nested tuples, non-exception classes.
class Base(Exception): pass
class Mid(Base): pass
class Leaf(Mid): pass
def catch(exc, spec):
    try:
        raise exc
    except spec as e:
        return 'caught ' + type(e).__name__
    except BaseException as e:
        return 'fell through ' + type(e).__name__
print(catch(Leaf, Base))
print(catch(Base, Leaf))
print(catch(Mid, (Leaf, Mid)))
print(catch(Leaf, (ValueError, KeyError, Mid)))
# nested tuples are not flattened by except (unlike isinstance)
try:
    catch(Leaf, (ValueError, (KeyError, Mid)))
except TypeError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)
print(isinstance(Leaf(), (ValueError, (KeyError, Mid))))
print(catch(KeyError, LookupError))
print(catch(KeyboardInterrupt, Exception))
print(catch(SystemExit, BaseException))
print(catch(ZeroDivisionError, ArithmeticError))
print(catch(UnicodeDecodeError('utf-8', b'\xff', 0, 1, 'bad'), ValueError))
print(catch(FileNotFoundError, OSError))
print(catch(ModuleNotFoundError, ImportError))
print(catch(RecursionError, RuntimeError))
print(catch(NotImplementedError, RuntimeError))
print(catch(IndentationError, SyntaxError))
print(catch(TabError, IndentationError))
print(catch(UnboundLocalError, NameError))
print(catch(BrokenPipeError, ConnectionError))
print(catch(StopAsyncIteration, Exception))
print(catch(GeneratorExit, Exception))
# matching against a non-class raises TypeError
try:
    try:
        raise ValueError
    except 5:
        pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    try:
        raise ValueError
    except (ValueError, 'x'):
        print('matched first element')
except TypeError as e:
    print(type(e).__name__, e)
try:
    try:
        raise ValueError
    except (KeyError, 'x'):
        pass
except TypeError as e:
    print(type(e).__name__, e)
# the except expression is evaluated only when reached
def spec():
    print('spec evaluated')
    return ValueError
try:
    raise KeyError
except KeyError:
    print('first clause')
except spec():
    pass
try:
    raise ValueError
except TypeError:
    pass
except spec():
    print('second clause')
print([c.__name__ for c in Leaf.__mro__])
print(OSError is EnvironmentError, IOError is OSError)
