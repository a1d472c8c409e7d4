# Unpacking in for targets and comprehension targets.
points = [(1, 2), (3, 4), (5, 6)]
for x, y in points:
    print(x * y)
for i, (x, y) in enumerate(points, start=1):
    print(i, x + y)
for a, *b in ['abc', 'de', 'f']:
    print(a, b)
print([x - y for x, y in points])
print({k: v for (k, v) in zip('abc', range(3))})
matrix = [[1, 2], [3, 4]]
for [a, b] in matrix:
    print(a, b)
for (k, v), n in zip({'p': 1}.items(), [7]):
    print(k, v, n)
try:
    for a, b in [(1, 2), (3,)]:
        print('pair', a, b)
except ValueError as e:
    print(type(e).__name__, e)
