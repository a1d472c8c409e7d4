# gc.enable/disable/isenabled and gc.collect's behaviour with nothing to do.
import gc
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
gc.collect()
print(gc.collect())
print(type(gc.collect()).__name__)
gc.collect(0)
gc.collect(2)
try:
    gc.collect(5)
except ValueError as e:
    print(type(e).__name__, e)
gc.disable()
class C:
    pass
for i in range(1000):
    x = C()
    x.self = x
del x
print(gc.collect() >= 1000)
gc.enable()
print(gc.isenabled())
