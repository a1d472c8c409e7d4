# a missing comma in a tuple
x = (a, b c)
