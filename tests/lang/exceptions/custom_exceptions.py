# Custom exception classes: __init__, __str__, hierarchy, extra attributes.
class AppError(Exception):
    """Base for app errors."""
class ConfigError(AppError):
    def __init__(self, key, problem):
        super().__init__(key, problem)
        self.key = key
        self.problem = problem
    def __str__(self):
        return f'config key {self.key!r}: {self.problem}'
class NoSuper(Exception):
    def __init__(self, v):
        self.v = v
try:
    raise ConfigError('port', 'not a number')
except AppError as e:
    print(type(e).__name__, e, e.args, repr(e))
try:
    raise NoSuper(5)
except NoSuper as e:
    print(repr(str(e)), e.args, e.v, repr(e))
class WithRepr(Exception):
    def __repr__(self):
        return 'WithRepr!'
print(repr(WithRepr('x')), str(WithRepr('x')))
# exceptions with class-level defaults
class Coded(Exception):
    code = 500
    def __init__(self, msg='server error'):
        super().__init__(msg)
class NotFound(Coded):
    code = 404
for cls in (Coded, NotFound):
    try:
        raise cls()
    except Coded as e:
        print(e.code, e)
# BaseException subclass not caught by except Exception
class Fatal(BaseException):
    pass
try:
    try:
        raise Fatal('stop')
    except Exception:
        print('wrong')
except BaseException as e:
    print('outer caught', type(e).__name__, e)
# exception with __slots__-free attributes and args mismatch
class Two(Exception):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b
t = Two(1, 2)
print(t.args, t.b)
# multiple inheritance with exceptions
class Both(KeyError, AttributeError):
    pass
for target in (KeyError, AttributeError, LookupError):
    try:
        raise Both('both')
    except target as e:
        print('caught as', target.__name__, repr(e))
print(str(Both('both')))
try:
    class Bad(ValueError, KeyError):
        pass
    print('created', [c.__name__ for c in Bad.__mro__])
except TypeError as e:
    print(type(e).__name__, e)
try:
    class Layout(OSError, UnicodeError):
        pass
except TypeError as e:
    print(type(e).__name__, e)
