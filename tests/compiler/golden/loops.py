for i in range(10):
    if i == 3:
        continue
    if i == 7:
        break
else:
    done = True
while n > 0:
    n -= 1
else:
    n = None
