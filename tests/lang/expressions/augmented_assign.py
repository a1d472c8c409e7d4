# Augmented assignment: every operator, in-place on mutables, targets.
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x /= 4; print(x)
x //= 2; print(x)
x = 17
x %= 5; print(x)
x **= 3; print(x)
x &= 6; print(x)
x |= 9; print(x)
x ^= 3; print(x)
x <<= 2; print(x)
x >>= 1; print(x)
l = [1]
m = l
l += [2, 3]
print(l, m, l is m)
t = (1,)
u = t
t += (2,)
print(t, u, t is u)
s = 'ab'
s *= 3
print(s)
l2 = [0]
l2 *= 3
print(l2)
d = {'a': 1}
d['a'] += 10
d.setdefault('b', 0)
d['b'] -= 1
print(d)
class O:
    pass
o = O()
o.v = 1
o.v += 41
print(o.v)
arr = [[1, 2], [3, 4]]
arr[1][0] *= 100
print(arr)
log = []
def idx():
    log.append('idx')
    return 0
arr2 = [5]
arr2[idx()] += 1
print(arr2, log)
tt = ([1],)
try:
    tt[0] += [2]
except TypeError as e:
    print(type(e).__name__, e)
print(tt)
try:
    undefined_name += 1
except NameError as e:
    print(type(e).__name__, e)
z = 5
z += True
print(z)
st = {1, 2}
st |= {3}
st &= {1, 3, 4}
st -= {1}
print(st)
