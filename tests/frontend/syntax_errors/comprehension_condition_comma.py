# a comprehension condition followed by a comma
x = [a for a in y if z, ]
