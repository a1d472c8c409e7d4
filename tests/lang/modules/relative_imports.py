# Relative imports inside packages, and their failure at top level.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
from pkg.inner import deep
print(deep.deep_value, deep.sub.sub_value, deep.double(3))
print(deep.__package__, deep.inner_name)
import pkg.inner
print(pkg.inner.deep is deep)
print(__package__, __name__)
try:
    exec('from . import something', {'__name__': '__main__', '__package__': None})
except ImportError as e:
    print(type(e).__name__, e)
try:
    exec('from .. import x', {'__name__': 'pkg.sub', '__package__': 'pkg'})
except ImportError as e:
    print(type(e).__name__, e)
