# __qualname__ and __name__ of nested classes and functions.
class Outer:
    class Inner:
        class Deep:
            def m(self):
                pass
        def meth(self):
            def local():
                pass
            return local
    def f(self):
        class InF:
            pass
        return InF
print(Outer.__qualname__, Outer.Inner.__qualname__, Outer.Inner.Deep.__qualname__)
print(Outer.Inner.Deep.m.__qualname__)
print(Outer.Inner().meth().__qualname__)
print(Outer().f().__qualname__, Outer().f().__name__)
def func():
    class C:
        def g(self):
            pass
    return C
print(func().__qualname__, func().g.__qualname__)
lam = lambda: 0
print(lam.__qualname__, lam.__name__)
class WithLambda:
    h = lambda self: 1
print(WithLambda.h.__qualname__)
# __qualname__ can be set in the class body
class Named:
    __qualname__ = 'Custom.Name'
print(Named.__qualname__, Named.__name__)
Named.__qualname__ = 'Again'
print(Named.__qualname__)
try:
    Named.__qualname__ = 5
except TypeError as e:
    print(type(e).__name__, e)
Named.__name__ = 'Renamed'
print(Named.__name__)
print(repr(Outer.Inner).replace(__name__, 'MOD'))
