# PEP 442: objects in cycles with __del__ are collected; __del__ runs once even after resurrection.
import gc
gc.disable()
log = []
saved = []
class Phoenix:
    def __init__(self, name):
        self.name = name
        self.ref = self
    def __del__(self):
        log.append('del ' + self.name)
        if self.name == 'phoenix':
            saved.append(self)
p = Phoenix('phoenix')
del p
gc.collect()
print(log, len(saved))
log.clear()
# the resurrected object is alive and usable
print(saved[0].name, saved[0].ref is saved[0])
# dropping it again: finalizer is not called a second time
saved.clear()
gc.collect()
print('second death log:', log)
# finalizers can see the other members of the cycle intact
class Pair:
    def __init__(self, name):
        self.name = name
        self.partner = None
    def __del__(self):
        log.append(f'{self.name} sees partner {self.partner.name}')
a = Pair('a')
b = Pair('b')
a.partner, b.partner = b, a
del a, b
gc.collect()
print(sorted(log))
log.clear()
# an object without a cycle that resurrects itself is also finalized only once
class Once:
    count = 0
    def __del__(self):
        Once.count += 1
        saved.append(self)
o = Once()
del o
print(Once.count, len(saved))
saved.clear()
print(Once.count)
gc.enable()
