# bytes literals and basic bytes behaviour.
b = b'hello'
print(b, B'x', b"dq", br'raw\n', Rb'\x', b'''tri''')
print(b[0], b[-1], b[1:3], b[::-1], len(b), type(b[0]).__name__)
print(b'a' + b'b', b'ab' * 3, b'l' in b, 108 in b, b.upper(), b.find(b'l'))
print(bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes('é', 'utf-8'))
print(b'\x00\x01'.hex(), bytes.fromhex('41 42'), b'abc'.decode(), b'\xc3\xa9'.decode('utf-8'))
print(repr(b"'"), repr(b'"'), repr(b'\'"'), repr(b'\r\n\t'), repr(bytes([0, 127, 128, 255])))
print(b'a,b,c'.split(b','), b' x '.strip(), b'-'.join([b'a', b'b']))
print(bytearray(b'abc'), bytearray(2), list(bytearray(b'hi')))
ba = bytearray(b'abc')
ba[0] = 65
ba.append(100)
print(ba, bytes(ba))
try:
    bytes([256])
except ValueError as e:
    print(type(e).__name__, e)
try:
    b'a' + 'b'
except TypeError as e:
    print(type(e).__name__, e)
try:
    b[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    b'\xff'.decode()
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
print(b'abc' == 'abc', str(b'abc'))
