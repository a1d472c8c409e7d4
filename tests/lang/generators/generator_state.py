# Generator attributes: gi_running, gi_frame, gi_code, gi_suspended, gi_yieldfrom; running-generator error.
def g():
    yield 1
    yield 2
gen = g()
print(gen.gi_running, gen.gi_frame is not None, gen.gi_code.co_name)
print(gen.gi_suspended if hasattr(gen, 'gi_suspended') else 'no gi_suspended')
next(gen)
print(gen.gi_suspended, gen.gi_frame.f_lineno)
list(gen)
print(gen.gi_frame, gen.gi_running, gen.gi_suspended)
def self_ref():
    yield me.gi_running
    next(me)
me = self_ref()
print(next(me))
try:
    next(me)
except ValueError as e:
    print(type(e).__name__, e)
def inner():
    yield 'x'
def outer():
    yield from inner()
o = outer()
print(o.gi_yieldfrom)
next(o)
print(o.gi_yieldfrom.gi_code.co_name)
def closed_gen():
    yield 1
c = closed_gen()
next(c)
c.close()
print(c.gi_frame)
try:
    next(c)
except StopIteration:
    print('closed generator stops')
print(g.__name__, gen.__name__, gen.__qualname__)
gen.__name__ = 'renamed'
print(gen.__name__)
