# an expression as the last target of a tuple
a, b + 1 = 2
