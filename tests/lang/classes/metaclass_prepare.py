# __prepare__ provides the class namespace.
class RecordingDict(dict):
    def __init__(self):
        super().__init__()
        self.order = []
    def __setitem__(self, key, value):
        if not key.startswith('__'):
            self.order.append(key)
        super().__setitem__(key, value)
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print('prepare', name, kw)
        return RecordingDict()
    def __new__(mcls, name, bases, ns, **kw):
        print('namespace type', type(ns).__name__)
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.order = ns.order
        return cls
class A(metaclass=Meta, opt=1):
    z = 1
    a = 2
    def m(self): pass
    z = 3
print(A.order, A.z)
# __prepare__ returning a mapping that defaults missing names
class AutoDict(dict):
    def __missing__(self, key):
        if key.startswith('auto_'):
            return key[5:]
        raise KeyError(key)
class AutoMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return AutoDict()
class B(metaclass=AutoMeta):
    v = auto_hello
    w = len(auto_abc)
print(B.v, B.w)
# __prepare__ must return a mapping
class BadMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return 5
try:
    class C(metaclass=BadMeta):
        pass
except TypeError as e:
    print(type(e).__name__, e)
print(type(type.__prepare__('X', ())).__name__)
