# import, import as, from-import and from-import as.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
import simple_mod
print(simple_mod.value, simple_mod.names, simple_mod.greet('x'))
print(simple_mod.Thing(), simple_mod.__name__, simple_mod.__doc__)
import simple_mod as sm
print(sm is simple_mod)
from simple_mod import value, greet as hello
print(value, hello('y'))
from simple_mod import (names,
                        Thing as T)
print(names is simple_mod.names, T is simple_mod.Thing)
simple_mod.value = 'changed'
print(value, sm.value)
from simple_mod import value
print(value)
print(type(simple_mod).__name__)
import simple_mod, sys as system
print(system is sys)
