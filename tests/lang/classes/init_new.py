# __new__ and __init__ interplay.
class A:
    def __new__(cls, *args):
        print('A.__new__', cls.__name__, args)
        return super().__new__(cls)
    def __init__(self, *args):
        print('A.__init__', args)
        self.args = args
a = A(1, 2)
print(a.args)
# __init__ not called when __new__ returns another type
class B:
    def __new__(cls):
        return 42
    def __init__(self):
        print('never')
print(B())
# __init__ called when __new__ returns a subclass instance
class C:
    def __new__(cls, flag):
        if flag:
            return object.__new__(D)
        return object.__new__(cls)
    def __init__(self, flag):
        print('init', type(self).__name__, flag)
class D(C):
    pass
print(type(C(True)).__name__, type(C(False)).__name__)
# __init__ must return None
class E:
    def __init__(self):
        return 1
try:
    E()
except TypeError as e:
    print(type(e).__name__, e)
# object() rejects arguments when neither is overridden
class F:
    pass
try:
    F(1)
except TypeError as e:
    print(type(e).__name__, e)
class G:
    def __init__(self):
        pass
try:
    G(1)
except TypeError as e:
    print(type(e).__name__, e)
# singleton via __new__
class Single:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
print(Single() is Single())
# immutable subclass customises __new__
class Upper(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())
u = Upper('abc')
print(u, type(u).__name__, u + 'd', len(u))
class Pos(int):
    def __new__(cls, v):
        return super().__new__(cls, abs(v))
print(Pos(-5), Pos(-5) + 1, isinstance(Pos(3), int))
# __new__ is an implicit staticmethod
print(type(A.__dict__['__new__']).__name__)
try:
    object.__new__(int)
except TypeError as e:
    print(type(e).__name__, e)
