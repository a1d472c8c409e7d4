# Bitwise operators, including on negative numbers (infinite two's complement).
print(5 & 3, 5 | 3, 5 ^ 3, 5 << 2, 20 >> 2)
print(-5 & 3, -5 | 3, -5 ^ 3, -5 & -3, -5 | -3, -5 ^ -3)
print(-1 & 0xFF, -256 & 0xFF, -255 & 0xFF, -1 ^ 0xFF)
print(-1 >> 1, -2 >> 1, -3 >> 1, -5 >> 2, -1 >> 100, -8 >> 3)
print(-1 << 3, -3 << 60, -(2 ** 70) >> 3, -(2 ** 70) & 0xFFFF)
print(~5 & 0xF, (-2 ** 64) | 1, -(2 ** 64) ^ -1)
print(1 << 0, 0 << 1000, 0 >> 5, 123 >> 64)
print(True & True, True | False, True ^ True, type(True & True).__name__, type(True & 1).__name__)
print(bin(-10), hex(-255), oct(-8), bin(0), hex(0))
print((-10).bit_length(), (255).bit_length(), (0).bit_length(), (2 ** 100).bit_length())
try:
    print(1 << -1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(1 >> -1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(1.0 | 1)
except TypeError as e:
    print(type(e).__name__, e)
x = 0b1010
x &= 0b0110
print(x)
x |= 0b1001
print(x)
x ^= 0b1111
print(x)
x <<= 4
print(x)
x >>= 2
print(x)
