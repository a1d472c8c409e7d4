# Assignment order: the right side first, then targets from left to right.
log = []
class Rec:
    def __setitem__(self, k, v):
        log.append(('set', k, v))
    def __getitem__(self, k):
        return k
def val(v):
    log.append(('val', v))
    return v
r = Rec()
r[val('k1')], r[val('k2')] = val(1), val(2)
print(log)
log.clear()
r['a'] = r['b'] = val('chain')
print(log)
x = [0, 1, 2]
i = 0
i, x[i] = 2, 'changed'
print(i, x)
y = [0, 0]
j = 0
x[j], j = 'first', 1
print(x, j)
a = b = []
a.append(1)
print(a is b, b)
