# Data and non-data descriptors: __get__, __set__, __delete__, __set_name__.
class Typed:
    def __set_name__(self, owner, name):
        print('set_name', owner.__name__, name)
        self.name = '_' + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f'{self.name[1:]} must be int, not {type(value).__name__}')
        setattr(obj, self.name, value)
    def __delete__(self, obj):
        print('delete', self.name)
        delattr(obj, self.name)
class Rec:
    a = Typed()
    b = Typed()
r = Rec()
print(r.a)
r.a = 3
r.b = 4
print(r.a, r.b, sorted(vars(r).items()))
try:
    r.a = 'x'
except TypeError as e:
    print(type(e).__name__, e)
del r.a
print(r.a)
print(type(Rec.a).__name__)
# non-data descriptor: instance dict wins
class NonData:
    def __get__(self, obj, objtype=None):
        return ('nd', obj is None, objtype.__name__)
class H:
    x = NonData()
h = H()
print(h.x, H.x)
h.__dict__['x'] = 'inst'
print(h.x)
# data descriptor with only __set__ still beats instance dict
class OnlySet:
    def __set__(self, obj, v):
        print('OnlySet.__set__', v)
class J:
    y = OnlySet()
j = J()
j.y = 1
j.__dict__['y'] = 'dictval'
print(j.y)
print(type(J.__dict__['y']).__name__ == type(J.y).__name__)
# descriptor with __delete__ missing -> AttributeError when deleting
class GetSet:
    def __get__(self, o, t=None): return 1
    def __set__(self, o, v): pass
class K:
    z = GetSet()
try:
    del K().z
except AttributeError as e:
    print(type(e).__name__, e)
# __set_name__ is called for attributes assigned later via setattr? no
class Late:
    pass
t = Typed()
Late.c = t
print(hasattr(t, 'name'))
# descriptor __get__ on the class
class ClassView:
    def __get__(self, obj, owner):
        return f'owner={owner.__name__} obj={obj is not None}'
class M:
    v = ClassView()
class N(M):
    pass
print(M.v, N.v, N().v)
