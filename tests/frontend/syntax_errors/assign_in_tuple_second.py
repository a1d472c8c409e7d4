# an attribute assigned in the second item of a tuple
x = (a, b.c = 1)
