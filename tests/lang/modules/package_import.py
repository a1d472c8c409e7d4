# Packages: __init__.py, submodules, attribute binding of submodules.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
import pkg
print(pkg.pkg_level, pkg.reexported, pkg.helpers.double(4))
print(pkg.__name__, pkg.__package__, hasattr(pkg, '__path__'))
print(hasattr(pkg, 'sub'))
import pkg.sub
print(hasattr(pkg, 'sub'), pkg.sub.sub_value, pkg.sub.describe())
print(pkg.sub.__name__, pkg.sub.__package__)
from pkg import sub as s
print(s is pkg.sub)
from pkg.helpers import double
print(double('ab'))
import pkg.inner.deep as deep
print(deep.deep_value, deep.inner_name, deep.__name__)
print(sorted(k for k in sys.modules if k == 'pkg' or k.startswith('pkg.')))
print(type(pkg.__path__).__name__, len(pkg.__path__))
