# Decorators that copy metadata by hand, take optional arguments, and decorate methods.
def wraps_by_hand(fn):
    def wrapper(*a, **k):
        return fn(*a, **k)
    wrapper.__name__ = fn.__name__
    wrapper.__qualname__ = fn.__qualname__
    wrapper.__doc__ = fn.__doc__
    wrapper.__wrapped__ = fn
    return wrapper
@wraps_by_hand
def documented(x):
    "Doubles x."
    return x * 2
print(documented(4), documented.__name__, documented.__qualname__, documented.__doc__, documented.__wrapped__(5))
def repeat(n=2):
    if callable(n):
        return repeat()(n)
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco
@repeat
def a():
    return 'a'
@repeat(3)
def b():
    return 'b'
print(a(), b())
def logged(fn):
    def wrapper(self, *a):
        print('calling', fn.__name__, 'on', type(self).__name__, a)
        return fn(self, *a)
    return wrapper
class Account:
    def __init__(self):
        self.balance = 0
    @logged
    def deposit(self, amount):
        self.balance += amount
        return self.balance
acct = Account()
acct.deposit(10)
print(acct.deposit(5))
def class_deco_with_arg(prefix):
    def deco(cls):
        cls.label = prefix + cls.__name__
        return cls
    return deco
@class_deco_with_arg('cls:')
class Labeled:
    pass
print(Labeled.label)
