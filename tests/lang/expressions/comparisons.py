# Comparison operators across types.
print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 1 == 1, 1 != 1)
print('abc' < 'abd', 'abc' < 'ab', 'Z' < 'a', '' < 'a', 'a' == 'a')
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0], [1, 2] == [1, 2])
print((1, 2) < (1, 2, 3), (2,) > (1, 99), (1, 'a') < (1, 'b'))
print(b'a' < b'b', b'abc' == b'abc', b'' < b'\x00')
print({1: 2} == {1: 2}, {1: 2} == {1: 3}, {1, 2} == {2, 1})
print({1} < {1, 2}, {1, 2} <= {1, 2}, {1, 3} < {1, 2}, {1, 2} > {1})
print(None == None, None != 0, None == False)
print(1 == '1', [1] == (1,), 'a' != b'a')
print(float('nan') == float('nan'), [float('nan')] == [float('nan')])
n = float('nan')
print([n] == [n], (n,) == (n,), n in [n])
for a, b in [(1, 'a'), ([], ()), (None, 0), ({}, {}), ('a', 1)]:
    try:
        print(a < b)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    print([1, 'a'] < [1, 2])
except TypeError as e:
    print(type(e).__name__, e)
print([1, 'a'] < [2, 1])
print(max('apple', 'banana'), min((3, 1), (2, 9)))
