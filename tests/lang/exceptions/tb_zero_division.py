# Uncaught ZeroDivisionError at module level after some output.
print('start')
numerator = 10
denominators = [5, 2, 0]
for d in denominators:
    print(numerator // d)
print('not reached')
