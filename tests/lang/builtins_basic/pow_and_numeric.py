# pow() in all its forms and related numeric built-ins.
print(pow(2, 10), pow(2, -1), pow(2.0, 3), pow(-8, 1 / 3).real != 0, pow(0, 0), pow(2, 0.5))
print(pow(3, 4, 5), pow(2, 100, 7), pow(-3, 3, 7), pow(3, -1, 7), pow(38, -1, 97))
try:
    pow(2, -1, 4)
except ValueError as e:
    print(type(e).__name__, e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print(type(e).__name__, e)
print(pow(base=2, exp=5), pow(2, 5, mod=3))
print(sum([0.1] * 10) == 1.0, abs(sum([0.1] * 10) - 1.0) < 1e-9)
print(int(True) + int(False), True + True + True, True * 'ab', [1, 2][True])
print(callable(print), callable(int), callable('s'), callable(lambda: 0), callable(type('X', (), {})()))
