# a name glued to a float
x = 1.5abc
