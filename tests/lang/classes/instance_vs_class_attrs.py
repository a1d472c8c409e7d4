# Instance attributes shadow class attributes; mutable class attributes are shared.
class C:
    shared = []
    count = 0
    def __init__(self, name):
        self.name = name
        C.count += 1
    def add(self, v):
        self.shared.append(v)
a = C("a")
b = C("b")
a.add(1)
b.add(2)
print(C.shared, a.shared is b.shared)
print(C.count, a.count)
a.count = 100
print(a.count, b.count, C.count)
print(sorted(vars(a)))
print('count' in C.__dict__, 'name' in C.__dict__)
try:
    a.missing
except AttributeError as e:
    print(type(e).__name__, e)
try:
    C.missing
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del a.nothing
except AttributeError as e:
    print(type(e).__name__, e)
print(getattr(a, 'missing', 'dflt'))
print(hasattr(a, 'name'), hasattr(a, 'zzz'))
setattr(a, 'dyn', 42)
print(a.dyn)
delattr(a, 'dyn')
print(hasattr(a, 'dyn'))
# Functions stored on the instance are not bound.
def f(*args):
    return len(args)
a.f = f
C.g = f
print(a.f(), a.g(), C.g())
