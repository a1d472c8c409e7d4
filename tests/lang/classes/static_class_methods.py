# staticmethod and classmethod.
class C:
    count = 0
    @staticmethod
    def add(a, b):
        return a + b
    @classmethod
    def create(cls, n):
        obj = cls()
        obj.n = n
        return obj
    @classmethod
    def bump(cls):
        cls.count += 1
        return cls.count
class D(C):
    count = 10
print(C.add(1, 2), C().add(3, 4))
d = D.create(5)
print(type(d).__name__, d.n)
print(C.bump(), D.bump(), C.bump(), D().bump())
print(C.count, D.count)
print(type(C.__dict__['add']).__name__, type(C.__dict__['create']).__name__)
print(C.add is C.__dict__['add'].__func__)
print(C.create.__self__ is C, D.create.__self__ is D)
sm = staticmethod(len)
print(sm.__func__ is len)
class E:
    size = staticmethod(len)
print(E.size('abcd'), E().size([1]))
# staticmethod objects are callable directly in 3.10+
print(C.__dict__['add'](5, 6))
try:
    C.__dict__['create'](1)
except TypeError as e:
    print(type(e).__name__, e)
# classmethod on instance uses type
class F:
    @classmethod
    def who(cls):
        return cls.__name__
class G(F):
    pass
print(G().who(), F().who())
