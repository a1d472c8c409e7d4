# Callback ordering and the state of the object when callbacks run.
import weakref
class Obj:
    def __del__(self):
        print('__del__ runs')
o = Obj()
def make_cb(name):
    def cb(ref):
        print('callback', name, 'ref() is None:', ref() is None)
    return cb
r1 = weakref.ref(o, make_cb('first'))
r2 = weakref.ref(o, make_cb('second'))
r3 = weakref.ref(o, make_cb('third'))
print('count', weakref.getweakrefcount(o))
del o
print('deleted')
# a weakref that dies before its referent never fires
o = Obj()
r = weakref.ref(o, make_cb('never'))
del r
del o
print('no callback for dropped ref')
# callback exceptions do not stop the deletion (printed as unraisable: avoid printing it here)
# weak references in a dict keyed by name
class Registry:
    def __init__(self):
        self.refs = {}
    def add(self, name, obj):
        self.refs[name] = weakref.ref(obj, lambda ref, name=name: self.refs.pop(name))
    def alive(self):
        return sorted(self.refs)
reg = Registry()
class Item:
    pass
x, y, z = Item(), Item(), Item()
reg.add('x', x)
reg.add('y', y)
reg.add('z', z)
print(reg.alive())
del y
print(reg.alive())
x = None
print(reg.alive())
