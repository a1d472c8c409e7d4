# weakref.ref: dereferencing, death, callbacks, unsupported types.
import weakref
class Obj:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return f'Obj({self.name})'
o = Obj('a')
r = weakref.ref(o)
print(r() is o, r())
del o
print(r() is None)
def callback(ref):
    print('callback called, ref() ->', ref())
o2 = Obj('b')
r2 = weakref.ref(o2, callback)
print('deleting o2')
del o2
print('after delete, r2() is None:', r2() is None)
for v in (1, 'str', (1, 2), [1], {}, None):
    try:
        weakref.ref(v)
    except TypeError as e:
        print(type(e).__name__, e)
# refs without callbacks to the same object are shared
o3 = Obj('c')
print(weakref.ref(o3) is weakref.ref(o3))
print(weakref.ref(o3) == weakref.ref(o3))
print(weakref.getweakrefcount(o3))
rc = weakref.ref(o3, callback)
print(rc is weakref.ref(o3), weakref.getweakrefcount(o3))
# dead refs compare by identity
r_a = weakref.ref(o3)
del o3
print(r_a() is None, r_a == r_a)
# weak references to functions, classes and bound methods
def fn():
    return 'fn'
print(weakref.ref(fn)()())
class K:
    def m(self):
        return 'm'
print(weakref.ref(K)() is K)
k = K()
mr = weakref.ref(k.m)
print(mr() is None)
# proxy
o4 = Obj('proxied')
p = weakref.proxy(o4)
print(p.name, repr(p.name))
del o4
try:
    p.name
except ReferenceError as e:
    print(type(e).__name__, e)
# __slots__ classes need __weakref__
class Slotted:
    __slots__ = ('x',)
try:
    weakref.ref(Slotted())
except TypeError as e:
    print(type(e).__name__, e)
class SlottedWeak:
    __slots__ = ('x', '__weakref__')
sw = SlottedWeak()
print(weakref.ref(sw)() is sw)
