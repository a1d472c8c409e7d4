# Copies made by slicing and constructors are shallow.
orig = [[1, 2], [3]]
s = orig[:]
l = list(orig)
c = orig.copy()
print(s == orig, s is orig, s[0] is orig[0], l[1] is orig[1], c is orig)
s[0].append('shared')
print(orig)
s.append('only in copy')
print(orig, s)
d = {'k': [1]}
dc = dict(d)
dc['k'].append(2)
dc['new'] = 0
print(d, dc)
t = (1, 2)
print(t[:] is t, tuple(t) is t, t[::1] == t)
st = 'abc'
print(st[:] is st, str(st) is st)
