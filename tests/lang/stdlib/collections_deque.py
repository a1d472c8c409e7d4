# collections.deque: every method, maxlen, rotation, indexing, mutation during iteration.
from collections import deque
import copy


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


d = deque([1, 2, 3])
print(d, len(d), bool(d), bool(deque()), d.maxlen)
d.append(4); d.appendleft(0)
print(d, d[0], d[-1], d[2])
d.extend([5, 6]); d.extendleft('ab')
print(d)
print(d.pop(), d.popleft(), d)
d.rotate(2); print(d)
d.rotate(-3); print(d)
d.rotate(); print(d)
d.rotate(100); print(d)
d.reverse(); print(d)
print(d.count(3), d.count('z'), d.index(3), 3 in d, 'q' in d)
d.insert(2, 'ins'); d.insert(-1, 'neg'); d.insert(100, 'end'); d.insert(-100, 'start')
print(d)
d.remove('ins'); print(d)
del d[0]; del d[-1]; print(d)
d[1] = 'set'; print(d, d.index('set'), d.index(d[2], 1), d.index(d[-2], -5, -1))
show("index missing", lambda: d.index('zz'))
show("index range", lambda: d.index(2, 0, 1))
show("remove missing", lambda: d.remove('zz'))
show("getitem range", lambda: d[100])
show("getitem str", lambda: d['a'])
show("getitem slice", lambda: d[1:2])
show("setitem range", lambda: d.__setitem__(-100, 1))
show("pop empty", lambda: deque().pop())
show("popleft empty", lambda: deque().popleft())
show("hash", lambda: hash(d))
show("concat list", lambda: d + [1])
show("count noarg", lambda: d.count())
d.clear(); print(d, len(d))

# maxlen
m = deque(range(10), maxlen=3)
print(m, m.maxlen)
m.append(10); print(m)
m.appendleft(-1); print(m)
m.extend(range(20, 25)); print(m)
m.extendleft('xy'); print(m)
print(deque(maxlen=3), deque([], 0), deque('abc', 0))
show("maxlen neg", lambda: deque(maxlen=-1))
show("maxlen str", lambda: deque(maxlen='a'))
show("too many", lambda: deque([], 3, 4))
show("insert full", lambda: deque([1, 2], maxlen=2).insert(0, 1))
z = deque(maxlen=0); z.append(1); z.extend(range(5)); print(z)

# Arithmetic and comparison.
d = deque([1, 2, 3])
print(d + deque([4]), d * 2, 2 * d, d * 0, d * -1)
d2 = deque(d); d2 += [9]; print(d2)
d2 *= 2; print(d2)
print(deque(range(5), 3) * 2, deque('ab', 5) * 3)
e = deque([1, 2]); e += e; print(e)
e.extend(e); print(e)
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) != deque([1, 3]), deque([1]) == [1])
print(deque([1, 2]) < deque([1, 3]), deque([1, 2]) < deque([1, 2, 0]), deque([2]) >= deque([1, 9]))
print(deque() <= deque(), deque([1]) > deque())
show("lt list", lambda: deque([1]) < [1])

# Iteration.
d = deque(range(5))
print(list(d), list(reversed(d)), list(iter(d)), [x for x in d if x % 2])
it = iter(d)
print(next(it), it.__length_hint__(), type(it).__name__, type(reversed(d)).__name__)
d.append(5)
show("mutated", lambda: next(it))
it = iter(d)
next(it)
d.rotate(1)
show("mutated rotate", lambda: list(it))
try:
    for x in d:
        if x == 2:
            d.pop()
except RuntimeError as e:
    print("RuntimeError", e)

# Repr of recursive deques and subclasses.
r = deque(); r.append(r); print(r)
class MyDeque(deque):
    pass
md = MyDeque([1, 2], maxlen=5)
print(md, type(md.copy()).__name__, md.copy(), type(md + md).__name__)
print(copy.copy(md), copy.deepcopy(deque([[1], [2]], 4)))
dd = deque([[1], [2]]); dc = copy.deepcopy(dd); dc[0].append(9); print(dd, dc)
sc = copy.copy(dd); sc[0].append(8); print(dd, sc is dd)
print(deque([1, 2]).__reduce__()[:3], MyDeque([1], 2).__reduce__()[:3])
print(deque[int], deque.__name__, deque.__module__)
# A long deque: growing, rotation, pops from both ends.
big = deque()
for i in range(1000):
    big.append(i)
    big.appendleft(-i)
big.rotate(333)
print(len(big), big[0], big[-1], big[500], sum(big))
while len(big) > 3:
    big.pop(); big.popleft()
print(big)
# insert/del in the middle of a ring that wrapped around.
w = deque(range(8)); w.rotate(3); w.insert(4, 'a'); del w[2]; w.insert(1, 'b'); print(w)
import collections.abc
print(isinstance(d, collections.abc.MutableSequence), issubclass(deque, collections.abc.Sequence))
