# Zero-argument super() in methods, classmethods, __init__, and with cooperative MI.
class A:
    def __init__(self):
        self.log = ['A']
    def f(self):
        return 'A.f'
    @classmethod
    def make(cls):
        return f'A.make({cls.__name__})'
class B(A):
    def __init__(self):
        super().__init__()
        self.log.append('B')
    def f(self):
        return 'B>' + super().f()
    @classmethod
    def make(cls):
        return 'B>' + super().make()
class C(B):
    def f(self):
        return 'C>' + super().f()
c = C()
print(c.log, c.f(), C.make(), B.make())
# cooperative diamond
class Root:
    def hello(self):
        return ['Root']
class Left(Root):
    def hello(self):
        return ['Left'] + super().hello()
class Right(Root):
    def hello(self):
        return ['Right'] + super().hello()
class Bottom(Left, Right):
    def hello(self):
        return ['Bottom'] + super().hello()
print(Bottom().hello())
print(Left().hello())
# super() attributes / super of a property
class P:
    @property
    def v(self):
        return 10
class Q(P):
    @property
    def v(self):
        return super().v + 1
print(Q().v)
# super() in a nested function fails
class N:
    def m(self):
        def inner():
            return super().m()
        return inner
try:
    N().m()()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    super()
except RuntimeError as e:
    print(type(e).__name__, e)
# super() lookup of missing attribute
class M(A):
    def g(self):
        return super().nothing
try:
    M().g()
except AttributeError as e:
    print(type(e).__name__, e)
