# a starred element in a generator expression argument
f(*a for a in b)
