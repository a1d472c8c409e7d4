# Assignment expressions.
if (n := 10) > 5:
    print('n is', n)
print(n)
data = [1, 2, 3, 4, 5, 6]
print([y for x in data if (y := x * x) > 10])
print(y)
vals = iter([3, 2, 1, 0, 9])
while (v := next(vals)) != 0:
    print('got', v)
print((a := 1, a + 1))
print([b := 5, b * 2])
def f():
    total = [c := 7]
    return c, total
print(f())
print(any((hit := i) > 2 for i in range(10)), hit)
def g():
    [q := i for i in range(3)]
    return q
print(g())
z = (w := 4) * w
print(z, w)
print(f'{(k:=3)} {k}')
s = 0
items = [4, 8, 15]
i = 0
while i < len(items) and (cur := items[i]) < 10:
    s += cur
    i += 1
print(s, cur)
