# sorted(), reversed(), list.sort(): keys, stability, reverse.
print(sorted([3, 1, 2]), sorted('cba'), sorted((2, 1)), sorted({3: 'a', 1: 'b'}), sorted([]))
print(sorted([3, 1, 2], reverse=True), sorted(['b', 'A', 'a', 'B'], key=str.lower))
pairs = [('b', 1), ('a', 2), ('b', 0), ('a', 1)]
print(sorted(pairs), sorted(pairs, key=lambda p: p[0]), sorted(pairs, key=lambda p: p[0], reverse=True))
words = ['pear', 'fig', 'apple', 'kiwi', 'date']
print(sorted(words, key=len), sorted(words, key=len, reverse=True))
l = [5, 2, 9]
r = l.sort()
print(r, l)
l.sort(key=lambda v: -v)
print(l)
print(sorted([1.5, -2, True, 0]), sorted([[2, 1], [1, 9], [1, 2]]))
print(list(reversed([1, 2, 3])), list(reversed('abc')), list(reversed((1,))), list(reversed(range(3))))
print(list(reversed({'x': 1, 'y': 2})))
rv = reversed([1, 2])
print(type(rv).__name__, next(rv), next(rv), next(rv, 'done'))
try:
    sorted([1, 'a'])
except TypeError as e:
    print(type(e).__name__, e)
try:
    reversed({1, 2})
except TypeError as e:
    print(type(e).__name__, e)
try:
    reversed(5)
except TypeError as e:
    print(type(e).__name__, e)
class Rev:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 10
print(list(reversed(Rev())))
