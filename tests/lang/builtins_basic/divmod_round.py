# divmod() and round() basics.
print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(-7, -2), divmod(0, 3))
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(10 ** 20, 7), divmod(True, 2))
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5), round(2.675, 2), round(1.25, 1))
print(round(123.456, -1), round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2))
print(round(5), round(5.0), type(round(5.5)).__name__, type(round(5.5, 0)).__name__, round(5.5, 0))
print(round(0.1 + 0.2, 10), round(-0.4), round(1e20), round(12.5, None))
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    divmod(1.0, 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    round('1')
except TypeError as e:
    print(type(e).__name__, e)
try:
    round(float('inf'))
except OverflowError as e:
    print(type(e).__name__, e)
try:
    round(float('nan'))
except ValueError as e:
    print(type(e).__name__, e)
