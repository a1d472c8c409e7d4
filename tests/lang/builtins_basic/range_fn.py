# range: arguments, negative steps, indexing, slicing, repr.
print(list(range(5)), list(range(2, 6)), list(range(0, 10, 3)))
print(list(range(10, 0, -1)), list(range(10, 0, -3)), list(range(0, -5, -1)), list(range(-5, 0)))
print(list(range(5, 5)), list(range(5, 0)), list(range(0, 5, -1)))
r = range(1, 20, 4)
print(r, repr(range(3)), r.start, r.stop, r.step, len(r))
print(r[0], r[-1], r[1:3], r[::-1], list(r[::-1]), r[::2])
print(range(10, 0, -2)[2], list(range(10)[::-3]))
print(3 in range(5), 5 in range(5), 9 in r, 8 in r, r.index(9), r.count(9))
print(range(0) == range(5, 5), range(0, 3) == range(3), range(1, 4, 2) == range(1, 5, 2))
print(list(reversed(range(4))), sum(range(101)), max(range(-3, 3)), min(range(7, 1, -2)))
try:
    range(1, 5, 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    r[10]
except IndexError as e:
    print(type(e).__name__, e)
try:
    range(1.0)
except TypeError as e:
    print(type(e).__name__, e)
try:
    r.index(2)
except ValueError as e:
    print(type(e).__name__, e)
big = range(0, 10 ** 20, 10 ** 18)
print(big[5], big[-1], 10 ** 19 in big)
print(list(range(True, 3)), list(range(-2, 2)))
