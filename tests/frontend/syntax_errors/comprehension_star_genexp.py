# a starred element in a generator expression
x = (*a for a in b)
