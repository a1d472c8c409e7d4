# a tuple with a trailing comma as a list comprehension element
x = [a, b, for a in b]
