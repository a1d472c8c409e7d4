# ImportError and ModuleNotFoundError messages and attributes.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
try:
    import no_such_module_xyz
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import pkg.no_such_sub
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import simple_mod.child
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    from simple_mod import does_not_exist
except ImportError as e:
    print(type(e).__name__, str(e).split(' (')[0], e.name)
try:
    from pkg import nothing_here
except ImportError as e:
    print(type(e).__name__, str(e).split(' (')[0], e.name)
try:
    from no_such_pkg_abc import thing
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
print(issubclass(ModuleNotFoundError, ImportError))
try:
    __import__('')
except ValueError as e:
    print(type(e).__name__, e)
try:
    __import__(5)
except TypeError as e:
    print(type(e).__name__, e)
