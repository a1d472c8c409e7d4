# a lone ** as a value
x = **a
