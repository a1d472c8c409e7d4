# __getitem__, __setitem__, __delitem__ with ints, slices, tuples; __missing__ on dict subclasses.
class Rec:
    def __getitem__(self, k):
        return ('get', k)
    def __setitem__(self, k, v):
        print('set', k, v)
    def __delitem__(self, k):
        print('del', k)
r = Rec()
print(r[1])
print(r[1:2])
print(r[::2])
print(r[1:2, 3])
print(r[...])
print(r['a', 'b'])
print(r[()])
r[0] = 'x'
r[1:3] = [1]
del r[5]
del r[::-1]
s = slice(1, 10, 2)
print(s.start, s.stop, s.step, s.indices(5))
print(slice(3).start, slice(3).stop)
class NoSet:
    def __getitem__(self, k):
        return k
try:
    NoSet()[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    del NoSet()[0]
except TypeError as e:
    print(type(e).__name__, e)
class Nothing:
    pass
try:
    Nothing()[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    five = 5
    five[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    lst, key = [1, 2], 'a'
    lst[key]
except TypeError as e:
    print(type(e).__name__, e)
try:
    text, idx = 'abc', 1.0
    text[idx]
except TypeError as e:
    print(type(e).__name__, e)
# __class_getitem__ vs __getitem__ on the class
class G:
    def __getitem__(self, k):
        return 'instance'
    def __class_getitem__(cls, k):
        return 'class'
print(G()[0], G[0])
