# abs, min, max, sum.
print(abs(-5), abs(5), abs(-2.5), abs(0), abs(-0.0), abs(3 - 4j), abs(True), abs(-(2 ** 100)))
print(min(3, 1, 2), max(3, 1, 2), min([4, 2, 8]), max('hello'), min('b', 'a', 'c'))
print(max([1, 5, 3], key=lambda v: -v), min(['aa', 'b', 'ccc'], key=len), max(['aa', 'bb'], key=len))
print(min([], default='empty'), max((), default=None), max([2], default=0))
print(max(1, 2.5), min(-1, -1.0), max(True, 2), max([1, 1.0]), max([1.0, 1]))
print(sum([1, 2, 3]), sum([]), sum([0.1] * 10), sum([1, 2], 10), sum([[1], [2]], []), sum(range(5), start=100))
print(sum([True, True, False]), sum([1, 2.5, 3j]))
try:
    min([])
except ValueError as e:
    print(type(e).__name__, e)
try:
    max()
except TypeError as e:
    print(type(e).__name__, e)
try:
    max(1, 'a')
except TypeError as e:
    print(type(e).__name__, e)
try:
    sum(['a', 'b'], '')
except TypeError as e:
    print(type(e).__name__, e)
try:
    sum([1, 'a'])
except TypeError as e:
    print(type(e).__name__, e)
try:
    abs(None)
except TypeError as e:
    print(type(e).__name__, e)
try:
    max(5)
except TypeError as e:
    print(type(e).__name__, e)
