# a name glued to a number
x = 5abc
