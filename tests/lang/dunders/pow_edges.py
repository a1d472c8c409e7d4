# pow() and ** corner cases with built-in numbers and user classes.
print(2 ** 10, 2 ** -1, (-8) ** (1 / 3) == (-8) ** (1 / 3), 0 ** 0)
print(pow(3, 4, 5), pow(3, -1, 7), pow(-2, 3), pow(2.0, 3))
try:
    pow(2, 3, 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    pow(2, -1, 4)
except ValueError as e:
    print(type(e).__name__, e)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    0 ** -1
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    0.0 ** -1
except ZeroDivisionError as e:
    print(type(e).__name__, e)
print((-1) ** 0.5)
print(-2 ** 2, (-2) ** 2, 2 ** 3 ** 2)
class P:
    def __pow__(self, other, mod=None):
        return ('pow', other, mod)
    def __rpow__(self, other, mod=None):
        return ('rpow', other, mod)
print(P() ** 2, 2 ** P(), pow(P(), 2, 3))
x = P()
x **= 4
print(x)
