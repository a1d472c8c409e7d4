# struct / _struct: every format character in every byte order and alignment mode,
# pack/unpack round trips, the Struct type, pack_into/unpack_from/iter_unpack, and
# CPython's struct.error messages (which differ between layouts).
import struct

def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)

# Range and type errors per format and layout.
for fmt in ['b', 'B', 'h', 'H', 'i', 'I', 'l', 'L', 'q', 'Q', 'n', 'N', 'P',
            '<b', '<B', '<h', '<H', '<i', '<I', '<l', '<L', '<q', '<Q',
            '>h', '>H', '>i', '>I', '>l', '>L', '>q', '>Q', '=h', '!b', '=L']:
    print(fmt, end=': ')
    for v in [40000, -40000, 2**31, -1, 2**33, 2**63, 2**64, -2**63 - 1, 10**400, 1.5]:
        try:
            print(struct.pack(fmt, v).hex(), end=' | ')
        except Exception as e:
            print(type(e).__name__, e, end=' | ')
    print()
for fmt, v in [('e', 1e10), ('f', 1e300), ('<f', 1e300), ('>f', 10**300), ('<e', 65520.0),
               ('e', 65519.0), ('>e', 70000), ('d', 'x'), ('f', 10**400), ('c', b'ab'),
               ('c', 'a'), ('c', 1), ('c', bytearray(b'x')), ('s', 'x'), ('p', 1), ('?', []),
               ('x', 1), ('<n', 1), ('<P', 1), ('=N', 1), ('z', 1), ('3', 1), ('i i', 1),
               ('0i', 1), ('i\0', 1)]:
    t(struct.pack, fmt, v)

# Argument counts and buffers.
t(struct.pack, 'ii', 1)
t(struct.pack, 'i', 1, 2)
t(struct.pack)
t(struct.pack, 1)
t(struct.unpack, 'i', b'abc')
t(struct.unpack, 'i', 'abcd')
t(struct.unpack, 'i', 5)
t(struct.unpack, 'i')
t(struct.unpack_from, 'i', b'abcdef', 3)
t(struct.unpack_from, 'i', b'abcdef', 7)
t(struct.unpack_from, 'i', b'abcdef', -7)
t(struct.unpack_from, 'i', b'abcdef', -2)
t(struct.unpack_from, 'i', b'abcdef', -6)
t(struct.unpack_from, 'i', buffer=b'abcdefgh', offset=2)
t(struct.unpack_from, '<h', bytearray(b'\x01\x02\x03'), 1)
ba = bytearray(10)
t(struct.pack_into, 'i', ba, 8, 1)
t(struct.pack_into, 'i', ba, 11, 1)
t(struct.pack_into, 'i', ba, -11, 1)
t(struct.pack_into, 'i', ba, -2, 1)
t(struct.pack_into, '<i', ba, -4, 0x01020304)
print(ba)
t(struct.pack_into, 'i', b'abcd', 0, 1)
t(struct.pack_into, 'i', ba)
t(struct.pack_into, 'i')
t(struct.pack_into, 'i', ba, 0)
t(struct.pack_into, '>I', memoryview(ba), 0, 0xdeadbeef)
print(ba)
t(struct.iter_unpack, '', b'')
t(struct.iter_unpack, 'i', b'abcde')

# Sizes and alignment.
for fmt in ['ci', '<ci', '@ci0q', 'x' * 10 + 'q', '@bi', '@bq', '@b?e', '@cPd', '=bq', '3s4p',
            ' i  h ', 'hhl', '@hhl', '<hhl', '!qQ', '10x', '0s', '5p', '', 'bhiq', 'qihb',
            '99999999999999999999i', '9223372036854775807x', '9223372036854775807xx',
            '4611686018427387904i']:
    t(struct.calcsize, fmt)

# s and p.
t(struct.pack, '?', 'x')
t(struct.pack, '5p', b'hello world')
t(struct.pack, '3s', b'a')
t(struct.pack, '2s', bytearray(b'xyz'))
t(struct.unpack, '5p', b'\x09abcd')
t(struct.pack, '0s', b'abc')
t(struct.pack, '300p', b'a' * 300)
t(lambda: len(struct.unpack('300p', struct.pack('300p', b'a' * 300))[0]))
t(struct.pack, '0p2x', b'a')
t(struct.unpack, '0p', b'')

# Floats.
t(struct.unpack, 'e', b'\x00\x7e')
t(struct.unpack, '<e', b'\x01\x00')
t(struct.unpack, '<e', b'\xff\x7b')
for v in [1/3, 5.960464477539063e-08, 2.98e-08, float('nan'), -float('inf'), 65504.0, -0.0,
          1e-10, 0.1, 3.14159]:
    print(struct.pack('<e', v).hex(), struct.pack('>f', v).hex(), struct.pack('<d', v).hex(),
          struct.unpack('<e', struct.pack('<e', v)), struct.unpack('f', struct.pack('f', v)))
class Idx:
    def __index__(self):
        return 7
t(struct.pack, 'i', Idx())
t(struct.pack, 'd', Idx())
t(struct.pack, 'Q', 2**64 - 1)
t(struct.pack, 'P', 2**64 - 1)
t(struct.pack, 'P', -1)
t(struct.pack, '>?', [])
t(struct.pack, '?', 'a')
t(struct.unpack, '??', b'\x00\x02')

# Struct objects.
t(struct.Struct, 1)
t(struct.Struct, 'i\0')
t(struct.Struct, 'é')
s = struct.Struct('<2h')
print(s.format, s.size, s.pack(1, 2), s.unpack(b'\x01\x00\x02\x00'))
print(struct.Struct(b'>i').format, struct.Struct(format='>h').unpack(b'\xff\xfe'))
t(s.pack, 1)
t(s.unpack, b'abc')
print(list(s.iter_unpack(b'\x01\x00\x02\x00' * 3)))
it = s.iter_unpack(b'\x01\x00\x02\x00' * 3)
print(it.__length_hint__(), next(it), it.__length_hint__(), type(it).__name__, list(it))
print(struct.error, struct.error.__mro__, struct.Struct, issubclass(struct.error, Exception))
class S(struct.Struct):
    def __init__(self, fmt):
        super().__init__(fmt)
        self.extra = 1
ss = S('ii')
print(ss.pack(1, 2), ss.extra, ss.size, ss.format)
st = struct.Struct('<3sHxd')
buf = bytearray(20)
st.pack_into(buf, 2, b'ab', 513, 2.5)
print(buf, st.unpack_from(buf, 2), st.unpack_from(memoryview(buf), offset=2),
      struct.unpack('<H', memoryview(b'\x01\x02')))
print(list(struct.iter_unpack('<hb', bytes(range(12)))))
struct._clearcache()

# Round trips of generated formats.
state = 99
def rnd(n):
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return (state >> 20) % n
chars = 'xcbB?hHiIlLqQnNPefdsp'
ranges = {'b': 8, 'B': 8, 'h': 16, 'H': 16, 'i': 32, 'I': 32, 'l': 64, 'L': 64, 'q': 64,
          'Q': 64, 'n': 64, 'N': 64, 'P': 64}
for trial in range(300):
    prefix = '@=<>!'[rnd(5)] if rnd(3) else ''
    fmt = prefix
    args = []
    for k in range(rnd(5) + 1):
        c = chars[rnd(len(chars))]
        if prefix not in ('', '@') and c in 'nNP':
            c = 'i'
        cnt = rnd(4)
        fmt += (str(cnt) if cnt != 1 else '') + c
        if c == 'x':
            continue
        for _ in range(1 if c in 'sp' else cnt):
            if c == 'c':
                args.append(bytes([rnd(256)]))
            elif c == '?':
                args.append(rnd(3) - 1)
            elif c == 'e':
                args.append((rnd(100000) - 50000) / 7.0)
            elif c in 'fd':
                args.append((rnd(10**9) - 5 * 10**8) / 3.0)
            elif c in 'sp':
                args.append(bytes(rnd(256) for _ in range(rnd(8))))
            else:
                bits = min(ranges[c], 62)
                args.append(rnd(2**bits) if c in 'BHILQN' else rnd(2**bits) - 2**(bits - 1))
    try:
        b = struct.pack(fmt, *args)
        print(fmt, struct.calcsize(fmt), b.hex(), struct.unpack(fmt, b))
    except Exception as e:
        print(fmt, type(e).__name__, e)
