# array.array: construction from lists, bytes, str and arrays; indexing, slices (read,
# assign, delete, extended); the list-like methods; bytes/unicode conversion and byteswap;
# +, *, +=, *=; comparison; copying; a subclass; iteration; error messages.
from array import array
import copy, struct, binascii
a = array('i', range(10))
print(a[2:8:2], a[::-1], a[-3:], len(a), a[-1], 3 in a, 42 in a)
a[1:3] = array('i', [7, 7, 7])
print(a)
del a[::3]
print(a)
a[::2] = array('i', [0] * len(a[::2]))
print(a)
del a[1:4]
print(a, a.count(0), a.index(0), a.index(0, 1))
a.insert(0, 100); a.insert(-1, 200); a.insert(1000, 300); a.insert(-1000, 400)
print(a)
print(a.pop(), a.pop(0), a)
a.remove(0); a.reverse(); print(a)
b = array('d', [1.5, -2.25]); b.append(3); b.extend([4, 5.5]); b.extend(array('d', [6])); print(b)
b.fromlist([7.0, 8]); print(b.tolist())
try: b.fromlist([9.0, 'x'])
except TypeError as e: print(e, len(b))
h = array('h', [1, -2, 3]); raw = h.tobytes(); print(raw, array('h', raw), struct.unpack('3h', h))
h2 = array('h'); h2.frombytes(raw); h2.byteswap(); print(h2, h2.tobytes())
u = array('u', 'héllo'); u.append('!'); u.fromunicode(' 世界'); print(u, u.tounicode(), len(u))
print(array('B', b'abc'), array('B', bytearray(b'xy')), binascii.hexlify(array('H', [1, 258])))
f = array('f', [0.1, 1/3]); print(f, f[0])
print(list(iter(array('q', [2**62, -2**62]))), array('Q', [2**64 - 1]), array('L', [2**63]))
c = array('b', [1, 2]); d = c + array('b', [3]); print(d, c * 2, 2 * c, c * 0, c * -1)
c += array('b', [9]); c *= 2; print(c)
e = copy.copy(c); e2 = copy.deepcopy(c); e[0] = 50; print(c[0], e[0], e2 == c, e2 is c)
print(array('i', [1, 2]) == array('i', [1, 2]), array('i', [1, 2]) != array('i', [1]), array('i', [1, 2]) <= array('i', [1, 2, 0]), array('i', [2]) > array('i', [1, 9]))
print(array('i', [1, 2]) == [1, 2], array('d', [float('nan')]) == array('d', [float('nan')]))
class MyArray(array):
    pass
m = MyArray('i', [1, 2]); print(m, type(m[0:1]).__name__, m.typecode, isinstance(m, array))
print(array('i', [5]).buffer_info()[1], type(array('i').buffer_info()[0]).__name__)
print(array('b').__sizeof__() > 0)
it = iter(array('b', [1, 2])); print(type(it).__name__, next(it), list(it), list(it))
try: array('b', [1]) < 3
except TypeError as e: print(e)
try: a[1.5]
except TypeError as e: print(e)
try: a['x'] = 1
except TypeError as e: print(e)
try: del a[100]
except IndexError as e: print(e)
try: a[100] = 1
except IndexError as e: print(e)
try: array('i').frombytes('str')
except TypeError as e: print(e)
try: array('i') + 1
except TypeError as e: print(e)
x = array('i', [1]); y = x; x += array('i', [2]); print(y, x is y)
try:
    x += [3]
except TypeError as e: print(e)
print(array('u', array('u', 'ab')), array('d', array('i', [1, 2])))
try: array('b', array('u', 'ab'))
except TypeError as e: print(e)
print(array('I', [4294967295]), array('b', range(-128, -125)), array('H', [65535]))
