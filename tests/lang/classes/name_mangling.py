# Private name mangling (__name -> _Class__name).
class A:
    __secret = 'A-secret'
    def __init__(self):
        self.__x = 1
    def get(self):
        return self.__x, self.__secret
    def __private(self):
        return 'A.__private'
    def call(self):
        return self.__private()
class B(A):
    __secret = 'B-secret'
    def __init__(self):
        super().__init__()
        self.__x = 2
    def getb(self):
        return self.__x, self.__secret
b = B()
print(b.get(), b.getb())
print(sorted(vars(b)))
print(b._A__secret, b._B__secret)
print(b.call())
try:
    b.__x
except AttributeError as e:
    print(type(e).__name__, e)
# dunder names are not mangled
class C:
    def __len__(self):
        return 3
    __both__ = 'not mangled'
print(len(C()), C.__both__)
# mangling applies to names in any expression, including getattr strings? no
class D:
    def __init__(self):
        self.__v = 5
    def via_getattr(self):
        return getattr(self, '__v', 'plain string not mangled')
    def via_mangled(self):
        return getattr(self, '_D__v')
print(D().via_getattr(), D().via_mangled())
# underscored class names: leading underscores stripped
class _Under:
    def __init__(self):
        self.__p = 1
print(sorted(vars(_Under())))
class ___:
    def __init__(self):
        self.__p = 1
print(sorted(vars(___())))
# mangling in nested function and in a global statement
class E:
    def m(self):
        def inner():
            return __name_in_inner
        return inner
__name_in_inner = 'global plain'
_E__name_in_inner = 'global mangled'
print(E().m()())
