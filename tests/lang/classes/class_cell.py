# The implicit __class__ cell.
class A:
    def get_class(self):
        return __class__
    def get_name(self):
        return __class__.__name__
class B(A):
    pass
print(B().get_class() is A, B().get_name())
class C:
    def f(self):
        def inner():
            return __class__
        return inner()
    x = [1]
print(C().f() is C)
# __class__ in a lambda inside a method
class D:
    def g(self):
        return (lambda: __class__)()
print(D().g().__name__)
# __classcell__ must be propagated by metaclass __new__
class Meta(type):
    def __new__(mcls, name, bases, ns):
        print('has __classcell__:', '__classcell__' in ns)
        return super().__new__(mcls, name, bases, ns)
class E(metaclass=Meta):
    def m(self):
        return __class__
print(E().m() is E)
class F(metaclass=Meta):
    def m(self):
        return 1
# self.__class__ vs __class__
class G:
    def both(self):
        return self.__class__.__name__, __class__.__name__
class H(G):
    pass
print(H().both())
# assigning __class__ on an instance
class P:
    def who(self): return 'P'
class Q:
    def who(self): return 'Q'
o = P()
o.__class__ = Q
print(o.who(), type(o).__name__)
try:
    o.__class__ = int
except TypeError as e:
    print(type(e).__name__, e)
