# __instancecheck__ and __subclasscheck__ on metaclasses; __class_getitem__; __mro_entries__.
class Duck(type):
    def __instancecheck__(cls, obj):
        return hasattr(obj, 'quack')
    def __subclasscheck__(cls, sub):
        return hasattr(sub, 'quack')
class Quacker(metaclass=Duck):
    pass
class Mallard:
    def quack(self): pass
print(isinstance(Mallard(), Quacker), isinstance(3, Quacker))
print(issubclass(Mallard, Quacker), issubclass(int, Quacker))
print(isinstance(Mallard(), (int, Quacker)))
# exact type match short-circuits __instancecheck__
class Never(type):
    def __instancecheck__(cls, obj):
        return False
class N(metaclass=Never):
    pass
print(isinstance(N(), N))
class Generic:
    def __class_getitem__(cls, item):
        return f'{cls.__name__}[{item.__name__ if isinstance(item, type) else item}]'
print(Generic[int], Generic['x'])
class Sub(Generic):
    pass
print(Sub[str])
try:
    object[int]
except TypeError as e:
    print(type(e).__name__, e)
# __mro_entries__ substitutes a base
class Base:
    def hello(self):
        return 'hello from Base'
class Proxy:
    def __mro_entries__(self, bases):
        return (Base,)
class K(Proxy()):
    pass
print(K().hello(), [c.__name__ for c in K.__mro__], K.__orig_bases__[0].__class__.__name__)
print(list[int], dict[str, int])
