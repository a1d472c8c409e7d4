# len() on built-in containers and objects with __len__.
print(len(''), len('abc'), len('日本'), len(b'\x00\x01'), len([]), len([1, [2, 3]]))
print(len(()), len((1,)), len({}), len({'a': 1}), len(set()), len({1, 2, 2}))
print(len(range(10)), len(range(0, 10, 3)), len(range(10, 0, -1)), len(range(5, 5)), len(range(0, -10, 2)))
print(len(frozenset('aab')), len(bytearray(4)), len({}.keys()), len({'a': 1}.items()))
class L:
    def __len__(self):
        return 7
print(len(L()))
class Bad:
    def __len__(self):
        return 'no'
for v in [5, 2.5, None, iter([]), Bad()]:
    try:
        print(len(v))
    except TypeError as e:
        print(type(e).__name__, e)
class Neg:
    def __len__(self):
        return -1
try:
    len(Neg())
except ValueError as e:
    print(type(e).__name__, e)
print(len(range(10 ** 18)))
try:
    len(range(10 ** 20))
except OverflowError as e:
    print(type(e).__name__, e)
