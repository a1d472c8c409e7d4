# Float arithmetic and repr.
print(0.1 + 0.2, 0.1 + 0.2 == 0.3, 1.5 * 2, 7.0 / 2, 7.5 // 2, 7.5 % 2)
print(-7.5 // 2, -7.5 % 2, 7.5 % -2, -0.0, 0.0 == -0.0)
print(1e16, 1e15, 1.0e-5, 0.0001, 123456789.0 * 10, 1e22, 1e-7)
print(2.0 ** 0.5, 2 ** 0.5, 4 ** 0.5, 8 ** (1 / 3))
print(1 / 3, 2 / 3, 10 / 3, 100.0, 1.0, 3.0 * 1.1)
print(float('inf'), -float('inf'), float('inf') - float('inf'))
inf = float('inf')
nan = float('nan')
print(inf > 1e308, inf == inf, nan == nan, nan != nan, nan < 1, nan > 1)
print(1e308 * 10, -1e308 * 10)
print(5e-324, 5e-324 / 2)
print(round(2.675, 2), round(0.5), round(1.5), round(2.5), round(-0.5))
print(abs(-2.5), -(-2.5), +2.5)
print(3.0.is_integer(), 3.5.is_integer())
print((2.5).as_integer_ratio(), (0.75).as_integer_ratio())
print(1.0 // 0.1, 1.0 % 0.1)
print(float(10 ** 20), float(2 ** 53 + 1))
try:
    print(1.0 / 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    print(1.0 // 0.0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    print(1.0 % 0.0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    print(0.0 ** -1)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    print(float(10 ** 400))
except OverflowError as e:
    print(type(e).__name__, e)
print(type((-8) ** 0.5).__name__)
