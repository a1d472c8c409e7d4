# Modules are executed once and cached in sys.modules.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
import counted
import counted
import counted as again
print(again is counted, sys.modules['counted'] is counted)
def f():
    import counted
    return counted
print(f() is counted)
del sys.modules['counted']
import counted as fresh
print(fresh is counted, fresh._count, counted._count)
# a module object placed in sys.modules is returned by import
fake = type(sys)('fake_module')
fake.answer = 41
sys.modules['fake_module'] = fake
import fake_module
print(fake_module.answer, fake_module.__name__)
sys.modules['blocked'] = None
try:
    import blocked
except ImportError as e:
    print(type(e).__name__, e)
