# __call__ makes instances callable.
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *rest, scale=1):
        return (self.n + x + sum(rest)) * scale
add5 = Adder(5)
print(add5(1), add5(1, 2, 3), add5(1, scale=10))
print(callable(add5), callable(Adder), callable(5), callable(print))
print(list(map(add5, [1, 2])))
class NotCallable:
    pass
try:
    NotCallable()()
except TypeError as e:
    print(type(e).__name__, e)
try:
    five = 5
    five()
except TypeError as e:
    print(type(e).__name__, e)
try:
    text = 'str'
    text(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    add5()
except TypeError as e:
    print(type(e).__name__, e)
# __call__ on the instance does not count
n = NotCallable()
n.__call__ = lambda: 'inst'
try:
    n()
except TypeError as e:
    print(type(e).__name__, e)
# a callable chain: __call__ returns a callable
class Curry:
    def __init__(self, *args):
        self.args = args
    def __call__(self, x):
        if len(self.args) == 2:
            return sum(self.args) + x
        return Curry(*self.args, x)
print(Curry()(1)(2)(3))
# __call__ as staticmethod / property returning function
class S:
    __call__ = staticmethod(lambda *a: ('static', a))
print(S()(1, 2))
class Rec:
    def __call__(self, n):
        return 1 if n <= 1 else n * self(n - 1)
print(Rec()(10))
