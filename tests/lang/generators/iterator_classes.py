# The iterator protocol implemented by classes, compared with generators.
class Range:
    def __init__(self, start, stop, step=1):
        self.start, self.stop, self.step = start, stop, step
    def __iter__(self):
        return RangeIter(self)
class RangeIter:
    def __init__(self, r):
        self.cur = r.start
        self.r = r
    def __iter__(self):
        return self
    def __next__(self):
        if self.cur >= self.r.stop:
            raise StopIteration
        v = self.cur
        self.cur += self.r.step
        return v
r = Range(0, 10, 3)
print(list(r), list(r))
it = iter(r)
print(next(it), next(it), list(it), list(it))
# nested loops over the same iterable are independent
print([(a, b) for a in Range(0, 2) for b in Range(0, 2)])
# an iterable whose __iter__ is a generator method
class Tree:
    def __init__(self, value, *children):
        self.value = value
        self.children = children
    def __iter__(self):
        yield self.value
        for c in self.children:
            yield from c
t = Tree(1, Tree(2, Tree(3)), Tree(4))
print(list(t), sum(t), 3 in t, 9 in t)
# iter(callable, sentinel)
data = [1, 2, 0, 3]
pos = -1
def nxt():
    global pos
    pos += 1
    return data[pos]
print(list(iter(nxt, 0)))
try:
    iter(5, 0)
except TypeError as e:
    print(type(e).__name__, e)
# iterator exhausted state persists for simple iterators
li = iter([1, 2])
print(list(li), list(li), next(li, 'empty'))
# enumerate/zip/map/filter/reversed objects are iterators
for obj in (enumerate([]), zip(), map(str, []), filter(None, []), reversed([])):
    print(type(obj).__name__, iter(obj) is obj)
# for loop else clause runs after exhaustion
for x in RangeIter(Range(0, 2)):
    print('x', x)
else:
    print('exhausted')
