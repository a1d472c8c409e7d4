# Tuple and list unpacking from various iterables.
a, b = 1, 2
print(a, b)
(c, d) = [3, 4]
print(c, d)
[e, f] = (5, 6)
print(e, f)
g, h, i = 'xyz'
print(g, h, i)
j, k = range(2)
print(j, k)
l, m = {'p': 1, 'q': 2}
print(l, m)
n, = [99]
print(n)
(o,) = 'z'
print(o)
[p] = {7}
print(p)
q, r = (x * 2 for x in range(2))
print(q, r)
s, t = {'k': 'v'}.items().__iter__().__next__()
print(s, t)
x = y = z = 0
print(x, y, z)
u = v = [1, 2]
u.append(3)
print(v)
w1, w2 = w3 = 8, 9
print(w1, w2, w3)
() = []
[] = ()
print('empty unpack ok')
for (m1, m2) in [(1, 2), (3, 4)]:
    print(m1 + m2)
