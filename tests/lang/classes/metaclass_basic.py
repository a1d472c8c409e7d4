# Metaclasses with __new__, __init__, __call__.
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print('Meta.__new__', name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith('__')), kw)
        cls = super().__new__(mcls, name, bases, ns)
        cls.created_by = 'Meta'
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print('Meta.__init__', name)
        super().__init__(name, bases, ns)
    def __call__(cls, *args, **kw):
        print('Meta.__call__', cls.__name__, args)
        obj = super().__call__(*args, **kw)
        obj.via_meta = True
        return obj
class A(metaclass=Meta):
    x = 1
    def m(self): pass
    def __init__(self, v):
        print('A.__init__', v)
        self.v = v
a = A(7)
print(a.v, a.via_meta, A.created_by, type(A).__name__)
class B(A, flag=True):
    pass
print(type(B).__name__, B.created_by)
b = B(8)
# metaclass methods are visible on the class, not the instance
class M2(type):
    def describe(cls):
        return 'class ' + cls.__name__
class C(metaclass=M2):
    pass
print(C.describe())
try:
    C().describe()
except AttributeError as e:
    print(type(e).__name__, e)
# metaclass conflict
class M3(type): pass
class D(metaclass=M3): pass
try:
    class E(C, D): pass
except TypeError as e:
    print(type(e).__name__, e)
# derived metaclass is chosen
class M4(M2): pass
class F(metaclass=M4): pass
class G(C, F): pass
print(type(G).__name__)
# a function as metaclass
def fmeta(name, bases, ns):
    print('fmeta', name)
    return len(ns)
class H(metaclass=fmeta):
    a = 1
print(H)
# __call__ returning something else
class Factory(type):
    def __call__(cls, *a):
        return ('made', cls.__name__, a)
class I(metaclass=Factory):
    pass
print(I(1, 2))
print(type(type).__name__, type(object).__name__, isinstance(type, type))
