# a keyword argument followed by a for clause after a positional one
f(a, x=1 for x in y)
