# Comprehensions over containers that are being changed or consumed.
it = iter(range(6))
pairs = [(a, next(it)) for a in it]
print(pairs)
src = [1, 2, 3]
copy = [v for v in src if len(src) < 6 and src.append(v * 10) is None]
print(copy, src)
d = {'a': 1, 'b': 2}
try:
    [d.setdefault(k + k, 0) for k in d]
except RuntimeError as e:
    print(type(e).__name__, e)
g = (v * 2 for v in src)
src.append(100)
print(list(g))
x = [1, 2]
g2 = (v for v in x)
x = [7, 8, 9]
print(list(g2))
