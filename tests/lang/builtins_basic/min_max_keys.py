# min/max/sorted with key functions and ties.
people = [('ann', 31), ('bob', 25), ('cy', 31), ('di', 25)]
print(max(people, key=lambda p: p[1]), min(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1]), sorted(people, key=lambda p: (-p[1], p[0])))
print(max('abc', 'abd', key=lambda s: s[-1]), min([3, -4, 2], key=abs), max([], key=len, default='none'))
print(max(['x', 'yy', 'zz'], key=len), min(['yy', 'x', 'z'], key=len))
print(sorted('BaCb', key=str.lower), sorted([True, False, 0, 1]))
try:
    max([1, 2], key=lambda v: None)
except TypeError as e:
    print(type(e).__name__, e)
print(sorted({'b': 2, 'a': 3}.items(), key=lambda kv: kv[1], reverse=True))
