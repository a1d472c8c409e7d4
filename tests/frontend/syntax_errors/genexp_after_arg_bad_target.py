# a generator expression after an argument, with a bad clause
f(a, b for c, d=1)
