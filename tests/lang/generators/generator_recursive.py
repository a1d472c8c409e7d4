# Recursive generators: permutations, combinations, tree walks, hanoi.
def permutations(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for p in permutations(rest):
            yield [items[i]] + p
print([''.join(p) for p in permutations('abc')])
def combinations(items, k):
    if k == 0:
        yield ()
        return
    for i in range(len(items)):
        for c in combinations(items[i + 1:], k - 1):
            yield (items[i],) + c
print(list(combinations([1, 2, 3, 4], 2)))
def hanoi(n, a='A', b='B', c='C'):
    if n:
        yield from hanoi(n - 1, a, c, b)
        yield (a, c)
        yield from hanoi(n - 1, b, a, c)
moves = list(hanoi(4))
print(len(moves), moves[:5])
def walk(d, prefix=''):
    for k in sorted(d):
        v = d[k]
        path = prefix + '/' + k
        if isinstance(v, dict):
            yield from walk(v, path)
        else:
            yield path, v
tree = {'etc': {'hosts': 1, 'conf': {'a': 2}}, 'bin': {'sh': 3}, 'README': 4}
for p, v in walk(tree):
    print(p, v)
def powerset(s):
    if not s:
        yield []
        return
    for sub in powerset(s[1:]):
        yield sub
        yield [s[0]] + sub
print(sorted(powerset([1, 2, 3]), key=lambda x: (len(x), x)))
