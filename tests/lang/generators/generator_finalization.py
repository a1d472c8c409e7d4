# Generators run their finally blocks when closed, exhausted or collected.
def resource(name):
    print('open', name)
    try:
        yield name
        yield name + '!'
    finally:
        print('close', name)
# exhaustion
for v in resource('a'):
    print('use', v)
# break out of a loop: the generator is dropped and finalized right away under refcounting
for v in resource('b'):
    print('use', v)
    break
print('after break')
# explicit close
g = resource('c')
next(g)
g.close()
print('after close')
# deleting the last reference
g = resource('d')
next(g)
del g
print('after del')
# rebinding the variable
g = resource('e')
next(g)
g = None
print('after rebind')
# an exception propagating out of a loop
try:
    for v in resource('f'):
        raise ValueError('stop')
except ValueError:
    print('caught, generator f already closed?')
# with statement in a generator
class CM:
    def __enter__(self):
        print('enter cm')
    def __exit__(self, *a):
        print('exit cm', a[0])
def with_gen():
    with CM():
        yield 1
        yield 2
w = with_gen()
next(w)
w.close()
print('end')
