# a starred expression as a comprehension iterable
x = [a for a in *b]
