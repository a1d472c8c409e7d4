# Circular imports that work because names are used only after both modules finished.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
import circ_a
print(circ_a.use_b())
import circ_b
print(circ_b.use_a())
print(circ_a.circ_b is circ_b, circ_b.circ_a is circ_a)
