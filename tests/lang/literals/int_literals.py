# Integer literals in every base, with underscores.
print(0, 00, 0_0, 123, 1_000_000, 0x1F, 0XfF, 0o17, 0O7_7, 0b101, 0B1_0_1)
print(0xDEAD_BEEF, 0o777_777, 0b1111_0000_1111_0000)
print(18446744073709551616, 0xFFFFFFFFFFFFFFFFFFFFFFFF, 0o7777777777777777777777777)
print(-0x80, -0b1, -0o10)
print(type(0x10).__name__, type(10 ** 30).__name__)
print(int('1_000'), int('0x1f', 16), int('0x1f', 0), int('0o17', 0), int('0b11', 0), int('z', 36))
print(int(' 42 '), int('-7'), int('+7'), int('\t12\n'))
for bad in ['1__0', '_1', '1_', '0x', '', ' ', '1.5', '١٢']:
    try:
        print(repr(bad), int(bad))
    except ValueError as e:
        print(type(e).__name__, e)
try:
    int('08', 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    int('12', 1)
except ValueError as e:
    print(type(e).__name__, e)
print(int('0', 0), int('00', 0), int('٣'))
