# while loops, with and without else.
i = 0
while i < 3:
    print('i =', i)
    i += 1
else:
    print('else after normal end, i =', i)
i = 0
while i < 10:
    if i == 2:
        print('breaking at', i)
        break
    i += 1
else:
    print('not printed')
while False:
    print('never')
else:
    print('else of a loop that never ran')
n = 5
total = 0
while n:
    total += n
    n -= 1
print('total', total)
count = 0
while True:
    count += 1
    if count > 4:
        break
print('count', count)
k = 0
while k < 6:
    k += 1
    if k % 2:
        continue
    print('even k', k)
else:
    print('done with continue, k =', k)
