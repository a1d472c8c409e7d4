# Subscription and slicing expressions on built-in sequences.
s = 'abcdefgh'
l = list(range(10))
print(s[0], s[-1], s[2:5], s[:3], s[5:], s[:], s[::2], s[1::3], s[::-1], s[-3:-1], s[6:2:-1])
print(l[2:8:2], l[8:2:-2], l[-100:100], l[5:5], l[7:3], l[::-3], l[slice(1, 4)], l[slice(None, None, -4)])
print(s[10:], s[-20:2], (1, 2, 3)[1:], (1, 2, 3)[::-1], b'bytes'[1:3], range(10)[2:5])
print({'a': 1}['a'], {(1, 2): 'tuple key'}[1, 2], [[1, 2], [3, 4]][1][0])
class Sub:
    def __getitem__(self, k):
        return k
sub = Sub()
print(sub[1], sub[1:2], sub[1:2:3], sub[::], sub[1, 2], sub[1:2, ::3], sub[...], sub[:, None])
try:
    l[1.5]
except TypeError as e:
    print(type(e).__name__, e)
try:
    l['a':]
except TypeError as e:
    print(type(e).__name__, e)
try:
    l[::0]
except ValueError as e:
    print(type(e).__name__, e)
five = 5
try:
    five[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    {}[[]]
except TypeError as e:
    print(type(e).__name__, e)
print(slice(1, 10, 2).indices(5), slice(None, None, -1).indices(4))
print(l[True], s[False:True])
