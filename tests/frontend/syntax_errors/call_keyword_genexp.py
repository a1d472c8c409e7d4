# a keyword argument that looks like a generator
f(x=1 for x in y)
