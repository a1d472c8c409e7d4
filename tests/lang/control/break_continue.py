# break and continue, including inside try/finally.
for i in range(10):
    if i % 3 == 0:
        continue
    if i > 7:
        break
    print(i, end=' ')
print()
def f():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append('f%d' % i)
    return out
print(f())
def g():
    i = 0
    while True:
        i += 1
        try:
            if i < 3:
                continue
            break
        finally:
            print('finally', i)
    return i
print(g())
result = []
for a in range(3):
    for b in range(3):
        if b == a:
            continue
        if b > a:
            break
        result.append((a, b))
print(result)
