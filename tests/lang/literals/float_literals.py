# Float literals and float repr (shortest round-trip).
print(1.0, 1., .5, 1e3, 1E3, 1e-3, 1_000.5, 1e1_0, 0.1, 00.5, 0e0, 1.5e+3)
print(3.14159, 2.5e-10, 1e100, 1.7976931348623157e308, 2.2250738585072014e-308)
print(1e16, 1.5e16, 123456789012345678.0, 0.000123, 1e-4, 1e-5)
print(1e309, -1e309, 1e-400)
print(0.1 * 3, 0.3, 1 / 7, 100 / 7)
print(float('1.5'), float(' -2.5e3 '), float('inf'), float('-Infinity'), float('nan'), float('1_0.5'))
print(float(7), float(True), float('1e500'), float('.5'), float('5.'))
print(repr(1.0), str(1.0), repr(-0.0), str(1e22), repr(1e21), repr(1e-6))
for bad in ['', 'abc', '1.2.3', '1e', '--1', 'in f']:
    try:
        print(float(bad))
    except ValueError as e:
        print(type(e).__name__, e)
print(9007199254740993.0, 0.1 + 0.7, 4.35 * 100, 1.1 * 1.1)
