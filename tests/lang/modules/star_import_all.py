# from m import * respects __all__, including underscore names it lists.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
from star_all import *
print(public_a, _semi_private)
try:
    public_b
except NameError as e:
    print(type(e).__name__, e)
try:
    exec('from star_bad_all import *', {})
except AttributeError as e:
    print(type(e).__name__, e)
