# Ends with an uncaught ZeroDivisionError raised inside a list comprehension.
values = [4, 2, 1, 0, 5]
print([10 // v for v in values[:3]])
inverses = [100 // v for v in values]
print(inverses)
