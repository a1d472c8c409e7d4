# for loops with else, over different iterables.
for x in [1, 2, 3]:
    print(x, end=' ')
else:
    print('| else')
for x in []:
    print('never')
else:
    print('else after empty loop')
def find(items, target):
    for i, v in enumerate(items):
        if v == target:
            print('found', target, 'at', i)
            break
    else:
        print(target, 'not found')
find('abcde', 'c')
find('abcde', 'z')
for ch in 'hi':
    print(repr(ch))
for k in {'one': 1, 'two': 2}:
    print(k)
for k, v in {'one': 1, 'two': 2}.items():
    print(k, v)
for t in (10, 20):
    print(t)
for i in range(3):
    pass
print('loop var after loop', i)
for i in range(0):
    pass
print('unchanged', i)
for x in [1, 2, 3]:
    x = x * 100
print(x)
lst = [1, 2, 3]
for v in lst:
    if v == 1:
        lst.append(4)
    print('v', v)
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n
for c in Countdown(3):
    print('countdown', c)
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * i
for s in Seq():
    print('seq', s)
try:
    for z in 5:
        pass
except TypeError as e:
    print(type(e).__name__, e)
