# copy: shallow and deep copies of nested structures and of instances.
import copy


class Plain:
    def __init__(self, v):
        self.v = v
        self.items = [v]


class Custom:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        return Custom('copy of %s' % self.v)

    def __deepcopy__(self, memo):
        return Custom('deepcopy of %s' % self.v)


class Slotted:
    __slots__ = ('a', 'b')

    def __init__(self):
        self.a = [1]
        self.b = 'x'


class WithState:
    def __init__(self):
        self.data = {'k': [1, 2]}

    def __getstate__(self):
        return {'data': self.data, 'extra': True}

    def __setstate__(self, state):
        self.__dict__.update(state)


nested = {'a': [1, 2, {'b': (3, [4])}], 's': {1, 2}, 't': (1, 2), 'f': frozenset([3])}
sh = copy.copy(nested)
dp = copy.deepcopy(nested)
print(sh == nested, sh is nested, sh['a'] is nested['a'], dp['a'] is nested['a'])
print(dp['a'][2]['b'][1] is nested['a'][2]['b'][1], dp['t'] is nested['t'], dp['f'] is nested['f'])
dp['a'][2]['b'][1].append(5)
print(nested['a'][2]['b'], dp['a'][2]['b'])
lst = [1, [2, 3]]
lst.append(lst)
dl = copy.deepcopy(lst)
print(dl[2] is dl, dl[1] is lst[1], dl[1] == lst[1])
shared = [0]
pair = [shared, shared]
dpair = copy.deepcopy(pair)
print(dpair[0] is dpair[1], dpair[0] is shared)
p = Plain(5)
pc, pd = copy.copy(p), copy.deepcopy(p)
print(type(pc).__name__, pc.v, pc.items is p.items, pd.items is p.items, pd.items)
c = Custom('orig')
print(copy.copy(c).v, copy.deepcopy(c).v, copy.deepcopy([c])[0].v)
s = Slotted()
sc, sd = copy.copy(s), copy.deepcopy(s)
print(sc.a is s.a, sd.a is s.a, sd.a, sd.b)
w = WithState()
wc, wd = copy.copy(w), copy.deepcopy(w)
print(wc.extra, wc.data is w.data, wd.data is w.data, wd.data)
print(copy.copy(42), copy.deepcopy('str'), copy.copy(None), copy.deepcopy(len) is len)
print(copy.copy(range(3)), copy.deepcopy(b'xy'), copy.copy([1, 2]), copy.deepcopy((1, [2])))
memo = {}
x = [1]
y = copy.deepcopy([x, x], memo)
print(y[0] is y[1], id(x) in memo)
class Error(Exception):
    pass
try:
    raise copy.Error('boom')
except copy.Error as e:
    print('copy.Error', e)
def fn():
    pass
print(copy.deepcopy(fn) is fn, copy.copy(Plain) is Plain)
