# a comprehension assigning to a literal
x = [a for 1 in b]
