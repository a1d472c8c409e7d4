# tuple and set basic methods.
t = (1, 2, 2, 3)
print(t.count(2), t.index(3), t[1:], t + (4,), t * 2, len(t), (1,) * 0, tuple('ab'), tuple())
try:
    t.index(9)
except ValueError as e:
    print(type(e).__name__, e)
try:
    t.append(4)
except AttributeError as e:
    print(type(e).__name__, e)
s = {3, 1, 2}
s.add(4)
s.add(1)
print(s, len(s))
s.discard(10)
s.remove(4)
print(s)
try:
    s.remove(10)
except KeyError as e:
    print(type(e).__name__, e)
a = {1, 2, 3}
b = {2, 3, 4}
print(a | b, a & b, a - b, a ^ b, a.union([9]), a.intersection(b, {3}), a.difference(b), a.symmetric_difference(b))
print(a.issubset({1, 2, 3, 4}), a.issuperset({1}), a.isdisjoint({7}), {1, 2} <= a, {1, 2} < {1, 2})
u = a.copy()
u.update([5, 6], {7})
print(u, a)
p = {5}
print(p.pop(), p)
try:
    set().pop()
except KeyError as e:
    print(type(e).__name__, e)
f = frozenset([1, 2])
print(f, f | {3}, type(f | {3}).__name__, {f: 'frozen key'}[frozenset({2, 1})])
try:
    {[1]}
except TypeError as e:
    print(type(e).__name__, e)
print(set('aab') == {'a', 'b'}, set(), {1, 1.0, True}, sorted({-1, 5, 0}))
