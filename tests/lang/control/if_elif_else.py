# if / elif / else chains.
def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    else:
        return 'large'
for n in [-5, 0, 3, 10, 10 ** 20]:
    print(n, classify(n))
x = []
if x:
    print('non-empty')
else:
    print('empty')
if not x: print('one-line if')
if 0: pass
elif '': pass
elif None: pass
else: print('fell through all')
order = []
def cond(name, v):
    order.append(name)
    return v
if cond('a', 0):
    pass
elif cond('b', 1):
    order.append('b-body')
elif cond('c', 1):
    order.append('c-body')
print(order)
if 1:
    if 0:
        print('inner')
    else:
        print('nested else')
