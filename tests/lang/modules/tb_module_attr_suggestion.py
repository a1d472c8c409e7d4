# Module attribute errors: 3.11 suggests close names for module attributes, but not for from-import.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
import simple_mod
try:
    from simple_mod import valeu
except ImportError as e:
    print(type(e).__name__, str(e).split(' (')[0])
try:
    simple_mod.valeu
except AttributeError as e:
    print(type(e).__name__, e)
print(simple_mod.valeu)
