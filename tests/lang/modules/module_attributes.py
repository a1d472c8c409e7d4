# Module attributes: __dict__, dir(), setattr/delattr, module type.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
import simple_mod
print(sorted(k for k in dir(simple_mod) if not k.startswith('__')))
print(sorted(k for k in vars(simple_mod) if k.startswith('__') and k in ('__name__', '__doc__', '__file__', '__package__', '__spec__', '__builtins__')))
print(simple_mod.__dict__ is vars(simple_mod))
simple_mod.new_attr = 1
print(simple_mod.new_attr, 'new_attr' in vars(simple_mod))
del simple_mod.new_attr
try:
    simple_mod.new_attr
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del simple_mod.nothing
except AttributeError as e:
    print(type(e).__name__, e)
print(simple_mod.__spec__.name, simple_mod.__package__ == '')
print(os.path.basename(simple_mod.__file__))
M = type(simple_mod)
m = M('made_here', 'its doc')
print(m.__name__, m.__doc__, repr(m))
m2 = M('nodoc')
print(m2.__doc__, sorted(vars(m2)))
print(getattr(simple_mod, 'missing', 'default'))
def module_getattr_demo():
    m = M('dyn')
    m.__getattr__ = lambda name: f'computed {name}'
    return m.anything
print(module_getattr_demo())
