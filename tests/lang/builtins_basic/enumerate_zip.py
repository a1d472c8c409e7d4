# enumerate() and zip().
print(list(enumerate('abc')), list(enumerate('ab', 1)), list(enumerate([], 5)), list(enumerate('x', start=-1)))
e = enumerate(['p', 'q'])
print(type(e).__name__, next(e), next(e), next(e, 'end'))
print(list(zip([1, 2, 3], 'ab')), list(zip()), list(zip([1])), list(zip('ab', 'cd', 'ef')))
print(dict(zip('abc', range(3))), list(zip(*[(1, 'a'), (2, 'b')])))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print(type(e).__name__, e)
try:
    list(zip([1], [1, 2], strict=True))
except ValueError as e:
    print(type(e).__name__, e)
print(list(zip([1], [2], strict=True)))
z = zip(iter([1, 2, 3]), iter('ab'))
print(list(z), list(z))
try:
    zip(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    enumerate(5)
except TypeError as e:
    print(type(e).__name__, e)
for i, (a, b) in enumerate(zip('xy', 'XY')):
    print(i, a, b)
