# iterable unpacking in a list comprehension
x = [*a for a in b]
