# chr() and ord().
print(chr(65), chr(97), chr(48), repr(chr(0)), chr(233), chr(0x263A), chr(0x1F40D), repr(chr(0x10FFFF)))
print(ord('A'), ord('a'), ord(' '), ord('é'), ord('😀'), ord(b'A'), ord(bytearray(b'z')))
print(''.join(chr(ord(c) + 1) for c in 'HAL'))
print([chr(i) for i in range(97, 102)])
try:
    chr(-1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    chr(0x110000)
except ValueError as e:
    print(type(e).__name__, e)
try:
    ord('')
except TypeError as e:
    print(type(e).__name__, e)
try:
    ord('ab')
except TypeError as e:
    print(type(e).__name__, e)
try:
    ord(65)
except TypeError as e:
    print(type(e).__name__, e)
