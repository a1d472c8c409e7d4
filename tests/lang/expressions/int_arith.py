# Integer arithmetic: the basic operators and their sign rules.
print(7 + 3, 7 - 3, 7 * 3, 7 / 2, 7 // 2, 7 % 3, 7 ** 2)
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -7 // -2, -7 % -2)
print(0 // 5, 0 % 5, -0, 0 * -1)
print(2 ** 0, 0 ** 0, (-2) ** 3, -2 ** 2)
print(2 ** -1, 10 ** -2, (-2) ** -2)
print(6 / 3, type(6 / 3).__name__, 1 / 3)
print(5 // 1, 5 % 1, 1 // 5, 1 % 5)
print(17 % 5 == 17 - (17 // 5) * 5, -17 % 5 == -17 - (-17 // 5) * 5)
print(True + True, True * 10, False - 1, True / 2)
print(3 * -1, -(3), +(-3), --3, -+-3)
print(100 - 1 - 1, 2 ** 3 ** 2, (2 ** 3) ** 2)
print(1 + 2 * 3 - 4 // 2 % 3)
x = 10
x = x * x - x
print(x)
try:
    print(1 // 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    print(1 % 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    print(1 / 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    print(0 ** -1)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    print(divmod(3, 0))
except ZeroDivisionError as e:
    print(type(e).__name__, e)
