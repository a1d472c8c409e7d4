# The comprehension's loop variable is local to the comprehension.
x = 'outer'
lst = [x for x in range(3)]
print(lst, x)
y = 'outer-y'
s = {y for y in 'ab'}
print(sorted(s), y)
d = {k: 1 for k in 'z'}
print(d)
try:
    print(k)
except NameError as e:
    print(type(e).__name__, e)
g = list(i for i in range(2))
try:
    print(i)
except NameError as e:
    print(type(e).__name__, e)
def f():
    v = 10
    r = [v + w for w in range(3)]
    return r, v
print(f())
def closures():
    return [lambda: n for n in range(3)]
print([c() for c in closures()])
def closures_default():
    return [lambda n=n: n for n in range(3)]
print([c() for c in closures_default()])
n = 5
print([n for n in range(n)])
print([[n for n in range(n)] for n in range(3)])
