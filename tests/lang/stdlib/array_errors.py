# array.array: CPython's conversion errors for every typecode (overflow at each C type's
# limits, wrong types), bad typecodes and initializers, and the methods' errors.
from array import array
import array as am
print(am.typecodes, am.ArrayType is array)
for tc, v in [('b', 128), ('b', -129), ('B', 256), ('B', -1), ('h', 40000), ('H', -1), ('H', 70000), ('i', 2**31), ('I', -1), ('I', 2**32), ('l', 2**63), ('L', -1), ('q', 2**63), ('Q', -1), ('Q', 2**64), ('b', 1.5), ('f', 'x'), ('u', 1), ('u', 'ab'), ('d', None), ('b', '1')]:
    try:
        array(tc, [v])
    except Exception as e:
        print(tc, repr(v), type(e).__name__, e)
for args in [('x',), ('bb',), (1,), ('b', 'abc'), ('u', [1]), ('b', 1)]:
    try: array(*args)
    except Exception as e: print(args, type(e).__name__, e)
a = array('i', [1, 2, 3])
for f in [lambda: a[5], lambda: a.pop(10), lambda: array('i').pop(), lambda: a.remove(9), lambda: a.index(9), lambda: a.frombytes(b'abc'), lambda: a.extend([1, 'x']), lambda: a.extend(array('b')), lambda: a + array('b'), lambda: a + [1], lambda: a.__setitem__(slice(0, 2), [1, 2]), lambda: a.__setitem__(0, 'x'), lambda: a.tounicode(), lambda: a.fromunicode('x'), lambda: a < array('d'), lambda: a.__setitem__(slice(0, 3, 2), array('i', [1])), lambda: hash(a), lambda: a * 'x', lambda: a.insert('x', 1), lambda: array('d', [1.0]).__iadd__(array('f', [1]))]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(repr(array('u', 'hi')), repr(array('d')), repr(array('f', [1.5, 2])), array('b', b'\x01\xff'), str(array('B', [1])))
print(a.typecode, a.itemsize, array('d').itemsize, array('u').itemsize, array('l').itemsize)
print(array('i', [1,2]) == array('d', [1.0, 2.0]), array('i', [1,2]) < array('i', [1,3]), array('b',[1]) == [1])
