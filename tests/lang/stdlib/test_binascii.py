# binascii: base64 (with strict_mode), uuencode, hex with separators, crc32, crc_hqx, and
# CPython 3.11's binascii.Error messages.
import binascii
def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)
for s in [b'', b'=', b'==', b'a', b'ab', b'abc', b'abcd', b'ab=', b'ab==', b'ab=c', b'abc=', b'abc==', b'abcd=', b'ab==cd', b'a=b=', b'!abcd', b'ab cd\n', b'abcde', b'abcdefghi', b'=abc', b'ab===', 'YWJj', 'é', b'YQ==YQ==', b'Y Q = =', b'\xffYWJj']:
    t(binascii.a2b_base64, s); t(binascii.a2b_base64, s, strict_mode=True)
t(binascii.a2b_base64, 5)
t(binascii.b2a_base64, b'abc'); t(binascii.b2a_base64, b'ab', newline=False); t(binascii.b2a_base64, b''); t(binascii.b2a_base64, 'abc'); t(binascii.b2a_base64, bytes(range(100)))
for s in [b'', b'abc', bytes(range(45)), bytes(46), b'\x00\x00']:
    t(binascii.b2a_uu, s); t(binascii.b2a_uu, s, backtick=True)
for s in [b'', b' ', b'!', b'#86)C\n', b'#86)C  \n', b'#86)Cx', b'#86)C``', b'$' , b'\x01', b'!\x7f', 'é', b'M' + b'!' * 60]:
    t(binascii.a2b_uu, s)
for s in [b'', b'\x01\xab', bytes(range(7))]:
    t(binascii.hexlify, s); t(binascii.b2a_hex, s, '-'); t(binascii.hexlify, s, b':', 2); t(binascii.hexlify, s, '_', -2); t(binascii.hexlify, s, sep=' ', bytes_per_sep=3); t(binascii.hexlify, s, 'ab'); t(binascii.hexlify, s, 'é'); t(binascii.hexlify, s, 1); t(binascii.hexlify, s, '-', 0)
t(binascii.hexlify, 'abc')
for s in [b'', b'abcd', b'ABcd', b'abc', b'zz', 'abcd', 'é', b'0g', '01 02']:
    t(binascii.unhexlify, s); t(binascii.a2b_hex, s)
for s in [b'', b'hello', bytes(range(256)) * 3]:
    t(binascii.crc32, s); t(binascii.crc32, s, 12345); t(binascii.crc32, s, -1); t(binascii.crc32, s, 2**40 + 7); t(binascii.crc_hqx, s, 0); t(binascii.crc_hqx, s, 0xffff); t(binascii.crc_hqx, s, -1); t(binascii.crc_hqx, s, 2**20+3)
t(binascii.crc32, 'x'); t(binascii.crc_hqx, b'x'); t(binascii.crc32, b'x', 1.5); t(binascii.crc32)
print(binascii.Error.__mro__, binascii.Incomplete.__mro__, binascii.Error.__module__)
for n in range(0, 70, 7):
    data = bytes((i * 37 + n) % 256 for i in range(n))
    enc = binascii.b2a_base64(data)
    assert binascii.a2b_base64(enc) == data
    assert binascii.a2b_base64(binascii.b2a_base64(data, newline=False), strict_mode=True) == data
    print(n, enc, binascii.hexlify(data, ' ', 4), binascii.crc32(data), binascii.crc_hqx(data, n))
    if n <= 45:
        uu = binascii.b2a_uu(data)
        assert binascii.a2b_uu(uu) == data
        print(uu)
crc = 0
for chunk in [b'abc', b'def', b'']:
    crc = binascii.crc32(chunk, crc)
print(crc == binascii.crc32(b'abcdef'), binascii.crc32(memoryview(b'abc')), binascii.crc32(bytearray(b'abc')))

# Quoted-printable.
for s in [b'=', b'=4', b'=41', b'=4g', b'==', b'=\r\nx', b'=\rx\ny', b'a_b', 'a=3D']:
    print(binascii.a2b_qp(s), binascii.a2b_qp(s, True))
print(binascii.b2a_qp(b'x' * 200), binascii.b2a_qp(b'.'), binascii.b2a_qp(b'a \nb\t\n'),
      binascii.b2a_qp(data=b'a b', header=True), binascii.b2a_qp(b'\xff=\t', quotetabs=True))
print(binascii.b2a_qp(b'line one\r\nline two \r\n' + b'y' * 80 + b'\r\n', istext=True),
      binascii.b2a_qp(b'a\nb', istext=False))
state = 7
def rnd(n):
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return (state >> 20) % n
alphabet = b'abc =_.\t\r\n\x00\xff\x7f~xyz0123456789ABCDEF'
for trial in range(150):
    data = bytes(alphabet[rnd(len(alphabet))] for _ in range(rnd(120)))
    if rnd(4) == 0:
        data = data.replace(b'\n', b'\r\n')
    q, it, h = rnd(2), rnd(2), rnd(2)
    enc = binascii.b2a_qp(data, q, it, h)
    print(enc, binascii.a2b_qp(enc, header=h) == data, binascii.a2b_qp(data))
print(sorted(x for x in dir(binascii) if not x.startswith('_')))
