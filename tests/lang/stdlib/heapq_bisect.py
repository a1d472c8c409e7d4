# heapq and bisect (over the native _heapq and _bisect).
import heapq
import bisect

h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, heapq.heappop(h), h)
print([heapq.heappop(h) for _ in range(len(h))])
data = [9, 4, 7, 1, 8, 2]
heapq.heapify(data); print(data)
print(heapq.heappushpop(data, 0), heapq.heapreplace(data, 10), data)
print(heapq.nlargest(3, [5, 1, 8, 3, 9]), heapq.nsmallest(2, [5, 1, 8, 3, 9]))
print(heapq.nlargest(2, ['aaa', 'b', 'cc'], key=len), heapq.nsmallest(1, []))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])))
print(list(heapq.merge(['c', 'a'], ['d', 'b'], key=str.upper, reverse=True)))
tasks = []
for pri, name in [(2, 'write'), (1, 'plan'), (3, 'test'), (1, 'design')]:
    heapq.heappush(tasks, (pri, name))
print([heapq.heappop(tasks) for _ in range(4)])
try:
    heapq.heappop([])
except IndexError as e:
    print('IndexError', e)

a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 0), bisect.bisect(a, 100))
bisect.insort(a, 3); bisect.insort_left(a, 4); bisect.insort_right(a, 9); print(a)
print(bisect.bisect_left(a, 4, 4), bisect.bisect_right(a, 4, 0, 3))
recs = [('a', 1), ('b', 5), ('c', 9)]
print(bisect.bisect(recs, 6, key=lambda r: r[1]))
bisect.insort(recs, ('z', 7), key=lambda r: r[1]); print(recs)
grades = 'FDCBA'
print([grades[bisect.bisect([60, 70, 80, 90], s)] for s in [33, 99, 77, 70, 89, 90, 100]])
try:
    bisect.bisect_left([1], 1, -1)
except ValueError as e:
    print('ValueError', e)

# The C implementations' argument errors, larger heaps, a comparison that mutates the heap.
def show(label, f):
    try: print(label, repr(f()))
    except Exception as e: print(label, type(e).__name__, e)
show(1, lambda: heapq.heappush((), 1)); show(2, lambda: heapq.heappop(())); show(3, lambda: heapq.heapify(1))
show(4, lambda: heapq.heappush([])); show(5, lambda: heapq.heapreplace([], 1)); show(6, lambda: heapq.heappushpop([], 1))
show(7, lambda: bisect.bisect([1], 1, lo=-1)); show(8, lambda: bisect.bisect()); show(9, lambda: bisect.bisect([1], 1, 0, 1, 1))
show(10, lambda: bisect.bisect([1, 2], 1, hi=None)); show(11, lambda: bisect.bisect('abc', 'b'))
show(12, lambda: bisect.bisect([1], 1, lo='a'))
from collections import deque
d = deque([1, 3, 5]); bisect.insort(d, 4); print(d)
seed = [5]
def rr(n):
    seed[0] = (seed[0] * 1103515245 + 12345) % 2**31
    return seed[0] % n
for n in [0, 1, 2, 10, 100, 3000]:
    data = [rr(1000) for _ in range(n)]
    h = list(data); heapq.heapify(h)
    print(n, h[:8], [heapq.heappop(h) for _ in range(min(n, 5))], heapq.nlargest(3, data), heapq.nsmallest(3, data))
    m = list(data); heapq._heapify_max(m); print(m[:5])
class Bad:
    def __lt__(self, o):
        h.clear(); return True
h = [Bad(), Bad(), Bad()]
show(13, lambda: heapq.heappush(h, Bad()))
print(list(heapq.merge([5, 3], [4, 1], reverse=True)))
