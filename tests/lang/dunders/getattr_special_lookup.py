# Implicit special-method lookup goes through the type and ignores instance attributes and __getattr__.
class C:
    pass
c = C()
c.__len__ = lambda: 5
c.__repr__ = lambda: 'instance repr'
try:
    len(c)
except TypeError as e:
    print(type(e).__name__, e)
print(repr(c) == object.__repr__(c), c.__repr__())
class G:
    def __getattr__(self, name):
        print('__getattr__', name)
        return lambda *a: 'dyn'
g = G()
try:
    g + 1
except TypeError as e:
    print(type(e).__name__, e)
print(g.__add__(1))
# methods added to the class later are used
def length(self):
    return 7
C.__len__ = length
print(len(c))
C.__add__ = lambda self, o: f'added {o}'
print(c + 1)
del C.__len__
try:
    len(c)
except TypeError as e:
    print(type(e).__name__, e)
# __getattribute__ is not used for implicit lookup either
class GA:
    def __getattribute__(self, name):
        print('__getattribute__', name)
        return object.__getattribute__(self, name)
    def __len__(self):
        return 2
print(len(GA()))
# metaclass dunders apply to the class object
class Meta(type):
    def __len__(cls):
        return 99
    def __getitem__(cls, k):
        return f'{cls.__name__}[{k}]'
    def __repr__(cls):
        return f'<class {cls.__name__} via Meta>'
class K(metaclass=Meta):
    pass
print(len(K), K['x'], repr(K), K)
