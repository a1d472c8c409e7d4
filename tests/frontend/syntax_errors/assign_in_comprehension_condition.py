# = in a comprehension condition
x = [a for a in y if b = 1]
