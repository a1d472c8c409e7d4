# Uncaught ModuleNotFoundError from a nested import.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
import simple_mod
def load_plugin(name):
    return __import__(name)
print(load_plugin('simple_mod').value)
import pkg.missing_plugin
