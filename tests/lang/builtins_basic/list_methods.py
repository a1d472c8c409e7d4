# list methods.
l = [3, 1, 2]
l.append(4)
l.extend([5, 6])
l.extend('ab')
l.insert(0, 'first')
l.insert(100, 'last')
l.insert(-1, 'before last')
print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove('a')
print(l, l.index(2), l.count(1), [1, 1, 2].count(1))
c = l.copy()
c.clear()
print(c, len(l))
nums = [3, 1, 2]
nums.reverse()
print(nums)
nums.sort()
print(nums, nums.index(3, 1), [0] * 3 + [1])
print(l[1:3], l[::-1][:2], l[-1], l[:0])
l2 = [0, 1, 2, 3, 4, 5]
l2[1:3] = ['x']
print(l2)
l2[::2] = 'ABC'
print(l2)
l2[:] = []
print(l2)
for bad in [lambda: [].pop(), lambda: [1].pop(5), lambda: [1].remove(2), lambda: [1].index(9),
            lambda: [1][3], lambda: [0, 1, 2, 3].__setitem__(slice(None, None, 2), [1])]:
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)
print(list('abc'), list(range(3)), list({'k': 1}), list((1, 2)), list())
a = [1, 2]
b = a * 2
a[0] = 99
print(a, b, [[0]] * 2, a == [99, 2], a < [100])
