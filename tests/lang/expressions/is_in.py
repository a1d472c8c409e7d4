# Identity and membership operators.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, None is None, True is True)
print(1 in [1, 2], 3 in [1, 2], 3 not in [1, 2], 'b' in 'abc', 'bc' in 'abc', '' in 'abc')
print('ac' in 'abc', 2 in (1, 2), 2 in {2: 'x'}, 'x' in {2: 'x'}, 1 in {1, 2})
print(1.0 in [1], True in [1], 0 in [False], b'b' in b'abc', 98 in b'abc')
print(5 in range(10), 10 in range(10), 4 in range(0, 10, 2), 5 in range(0, 10, 2), -1 in range(-5, 0))
print([] in [[]], (1,) in [(1,)], 'a' in ['abc'])
n = float('nan')
print(n in [n], n in [float('nan')])
try:
    print(1 in 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print(1 in 'abc')
except TypeError as e:
    print(type(e).__name__, e)
try:
    print([] in {1})
except TypeError as e:
    print(type(e).__name__, e)
class C:
    def __contains__(self, item):
        return item == 'magic'
print('magic' in C(), 'other' in C(), 'magic' not in C())
class It:
    def __iter__(self):
        return iter([1, 2, 3])
print(2 in It(), 4 in It())
class G:
    def __getitem__(self, i):
        if i > 4:
            raise IndexError(i)
        return i * 10
print(30 in G(), 35 in G())
