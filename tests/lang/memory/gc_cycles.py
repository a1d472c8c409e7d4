# Reference cycles are only reclaimed by the cycle collector.
# (The order in which finalizers of one garbage cycle run is not specified, so names are sorted.)
import gc
gc.disable()
deleted = []
class Node:
    def __init__(self, name):
        self.name = name
        self.other = None
    def __del__(self):
        deleted.append(self.name)
def report(label):
    print(label, sorted(deleted))
    deleted.clear()
a = Node('a')
b = Node('b')
a.other = b
b.other = a
del a, b
report('cycle unreachable, not yet collected:')
n = gc.collect()
print('collected something:', n > 0)
report('after collect:')
# self-cycle
s = Node('self')
s.other = s
del s
report('self cycle dropped:')
gc.collect()
report('after collect:')
# cycle through a list
c = Node('in list')
c.other = [c]
del c
gc.collect()
report('list cycle:')
# a cycle kept alive by an outside reference is not collected
p = Node('p')
q = Node('q')
p.other = q
q.other = p
keep = p
del p, q
gc.collect()
report('while referenced:')
print('still alive:', keep.name, keep.other.name)
del keep
gc.collect()
report('after dropping the reference:')
print('nothing left to collect:', gc.collect())
# breaking the cycle by hand lets reference counting free both objects
x = Node('x')
y = Node('y')
x.other = y
y.other = x
x.other = None
del x
report('x still referenced by y:')
del y
report('both freed by refcount:')
gc.enable()
