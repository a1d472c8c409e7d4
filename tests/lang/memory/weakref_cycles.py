# Weak references to objects in garbage cycles are cleared by gc.collect() and their callbacks run.
import gc
import weakref
gc.disable()
class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None
events = []
a = Node('a')
b = Node('b')
a.peer, b.peer = b, a
ra = weakref.ref(a, lambda r: events.append('a callback'))
rb = weakref.ref(b, lambda r: events.append('b callback'))
del a, b
print('before collect:', ra() is not None, rb() is not None, ra().name, ra().peer.name)
gc.collect()
print('after collect:', ra() is None, rb() is None, sorted(events))
# weak references do not keep cycles alive: a cache of weak refs
class Cache:
    def __init__(self):
        self.refs = []
    def add(self, obj):
        self.refs.append(weakref.ref(obj))
    def alive(self):
        return sorted(r().name for r in self.refs if r() is not None)
cache = Cache()
nodes = [Node(str(i)) for i in range(4)]
for n in nodes:
    n.peer = n
    cache.add(n)
print(cache.alive())
del n
nodes.pop()
nodes.pop(0)
print('after pops, before collect:', cache.alive())
gc.collect()
print('after collect:', cache.alive())
nodes.clear()
gc.collect()
print('all gone:', cache.alive())
# a weakref held by the object itself (cycle through the weakref's callback closure)
class SelfWatcher:
    def __init__(self):
        self.me = weakref.ref(self, lambda r: events.append('self watcher callback'))
events.clear()
w = SelfWatcher()
del w
print('refcount freed:', events)
gc.enable()
