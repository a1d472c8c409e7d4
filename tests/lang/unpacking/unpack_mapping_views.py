# Unpacking dictionaries, their views, and strings.
d = {'first': 1, 'second': 2}
k1, k2 = d
print(k1, k2)
v1, v2 = d.values()
print(v1, v2)
(ka, va), (kb, vb) = d.items()
print(ka, va, kb, vb)
a, b, c = 'xyz'
print(a + b + c)
h, *t = 'hello'
print(h, t)
x, y = b'hi'
print(x, y)
lo, hi = sorted([9, 3])
print(lo, hi)
q, r = divmod(17, 5)
print(q, r)
s1, s2 = {7}, {8}
print(s1, s2)
