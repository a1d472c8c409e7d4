# a literal as the second target of a chain
x = 1 = 2
