# An uncaught exception raised inside an imported module: frames in the support file, qualified class name.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
import errors_mod
print(errors_mod.process([1, 2]))
try:
    errors_mod.process([-1])
except errors_mod.AppError as e:
    print(type(e).__name__, type(e).__module__, e)
errors_mod.process([3, -5])
