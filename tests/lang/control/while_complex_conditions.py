# while/if conditions built from calls, walrus, and/or, and chained comparisons.
data = [5, 3, 8, 0, 7]
i = 0
while i < len(data) and data[i] != 0:
    print('value', data[i])
    i += 1
print('stopped at', i)
queue = ['a', 'b', 'c']
while queue and (item := queue.pop(0)) != 'b':
    print('processed', item)
print('left', queue)
n = 0
while 0 <= n < 5 or n == 10:
    n += 3 if n < 5 else 100
    print('n', n)
lo, hi = 0, 100
target = 37
steps = 0
while lo <= hi:
    mid = (lo + hi) // 2
    steps += 1
    if mid < target:
        lo = mid + 1
    elif mid > target:
        hi = mid - 1
    else:
        break
print('found', mid, 'in', steps, 'steps')
