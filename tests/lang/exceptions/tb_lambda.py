# Tracebacks through lambdas (frame name <lambda>), including one called from a builtin.
square = lambda x: x * x
print(square(4))
invert = lambda x: 1 / x
print(list(map(invert, [1, 2])))
pairs = [(1, 'a'), (0, 'b')]
print(sorted(pairs, key=lambda p: invert(p[0])))
