# str/repr of numbers round-trip through int() and float().
vals = [0.1, 1 / 3, 2 ** 0.5, 1e-300, 6.02e23, 123456789.123, 5e-324, 1.7976931348623157e308, -2.5e-5, 100.0, 1e16, 9.999999999999999e22]
for v in vals:
    r = repr(v)
    print(r, float(r) == v, str(v) == r)
for n in [0, -1, 2 ** 63, -(2 ** 63) - 1, 10 ** 40, 7 ** 50]:
    print(n, int(str(n)) == n, int(repr(n)) == n)
print(float('0.1') + float('0.2'), 0.1 + 0.2 == float('0.30000000000000004'))
print(repr(1e15), repr(1e16), repr(123e-20), repr(0.000001), repr(0.0000001))
