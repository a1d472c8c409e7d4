# A module that fails while executing is removed from sys.modules; a second import runs it again.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
try:
    import broken_mod
except ZeroDivisionError as e:
    print('first import failed:', type(e).__name__, e)
print('broken_mod' in sys.modules)
try:
    import broken_mod
except ZeroDivisionError as e:
    print('second import failed again:', e)
try:
    broken_mod
except NameError as e:
    print(type(e).__name__, e)
