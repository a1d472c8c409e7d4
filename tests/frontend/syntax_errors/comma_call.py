# a missing comma in a call
f(a b)
