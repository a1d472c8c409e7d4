# bin(), hex(), oct(), int() with bases, and str methods on numbers.
print(bin(10), hex(255), oct(8), bin(-5), hex(-1), oct(0), bin(2 ** 65))
print(int(bin(1234), 2), int(hex(1234), 16), int(oct(1234), 8), int(hex(-99), 0))
print((255).to_bytes(2, 'big'), int.from_bytes(b'\x01\x00', 'little'), (-1).to_bytes(1, 'big', signed=True))
print((10).bit_length(), (1024).bit_count() if hasattr(int, 'bit_count') else 'n/a', (7).real, (7).imag, (6).numerator)
try:
    hex(1.5)
except TypeError as e:
    print(type(e).__name__, e)
class I:
    def __index__(self):
        return 31
print(hex(I()), bin(I()), 'abcdefghijklmnopqrstuvwxyz012345'[I()], [0, 1, 2][:I()])
