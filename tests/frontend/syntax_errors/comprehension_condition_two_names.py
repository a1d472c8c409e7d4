# two names in a comprehension condition
x = [a for a in b if c d]
