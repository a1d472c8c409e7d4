# from m import * without __all__ skips names starting with an underscore.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
before = set(globals())
from star_noall import *
added = sorted(set(globals()) - before - {'before'})
print(added)
print(visible, also_visible, func())
try:
    _private
except NameError as e:
    print(type(e).__name__, e)
import star_noall
print(star_noall._private)
def f():
    ns = {}
    exec('from star_noall import *', ns)
    return sorted(k for k in ns if k != '__builtins__')
print(f())
