# collections: namedtuple, defaultdict, Counter, OrderedDict, ChainMap.
import collections
from collections import namedtuple, defaultdict, Counter, OrderedDict, ChainMap
import copy


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


# namedtuple
Point = namedtuple('Point', ['x', 'y'])
p = Point(11, y=22)
print(p, p.x + p.y, p[0], tuple(p), p._asdict(), p._replace(x=100), Point._fields)
print(Point._make([1, 2]), Point.__doc__, Point.x.__doc__, type(Point.x).__name__)
print(p == (11, 22), hash(p) == hash((11, 22)), isinstance(p, tuple))
x, y = p
print(x, y, Point._field_defaults)
P3 = namedtuple('P3', 'a b c', defaults=[0, 1])
print(P3(5), P3(5, 6, 7), P3._field_defaults)
R = namedtuple('R', 'abc def abc _x', rename=True)
print(R._fields)
show("nt extra", lambda: Point(1, 2, 3))
show("nt bad name", lambda: namedtuple('P', 'a-b'))
show("nt attr set", lambda: setattr(p, 'x', 5))
show("nt getter", lambda: Point.x.__get__(1))
print(copy.copy(p), copy.deepcopy(p), Point.x, Point.__module__)
class Sub(Point):
    def norm(self):
        return self.x ** 2 + self.y ** 2
print(Sub(3, 4).norm(), Sub(3, 4))

# defaultdict
dd = defaultdict(list)
for k, v in [('a', 1), ('b', 2), ('a', 3)]:
    dd[k].append(v)
print(dd, dd['missing'], dd, len(dd), 'zz' in dd, dd.get('zz'))
print(dd.default_factory, isinstance(dd, dict), type(dd).__name__)
ci = defaultdict(int)
for ch in 'mississippi':
    ci[ch] += 1
print(sorted(ci.items()))
n = defaultdict()
show("no factory", lambda: n['x'])
show("bad factory", lambda: defaultdict(1))
print(defaultdict(None, a=1), defaultdict(list, {1: 2}), defaultdict(int, [(1, 2)], b=3))
c2 = dd.copy(); c2['new'].append(0); print(type(c2).__name__, sorted(c2), sorted(dd))
print(copy.copy(dd), copy.deepcopy(dd))
print(dd | {'z': 1}, {'z': 1} | dd)
d3 = defaultdict(set); d3 |= {'q': {1}}; print(d3)
def dflt():
    return 'dflt'
dd.default_factory = dflt
print(dd['other'], dd.__missing__('m2'), repr(dd).replace(hex(id(dflt)), 'ADDR'))
rec = defaultdict(); rec.default_factory = rec.copy; print(repr(rec).replace(hex(id(rec)), 'ADDR'))
class MyDD(defaultdict):
    pass
print(MyDD(list, a=[1]), defaultdict[str, int])
print(dd == dict(dd), dd.__reduce__()[:2] == (defaultdict, (dflt,)))

# Counter
c = Counter('abracadabra')
print(c.most_common(3), c['a'], c['z'], sorted(c.elements()))
c.update('aaz'); c.subtract({'a': 10})
print(c['a'], c['z'], sorted(c.items()))
print(Counter(a=3, b=1) + Counter(a=1, b=2), Counter(a=3, b=1) - Counter(a=1, b=2))
print(Counter(a=3, b=1) | Counter(a=1, b=2), Counter(a=3, b=1) & Counter(a=1, b=2))
print(Counter([1, 2, 2, 3, 3, 3]), Counter({'x': 2}).total(), +Counter(a=-1, b=2), -Counter(a=-1))
print(Counter('hello') == Counter('olleh'), Counter(a=1) <= Counter(a=2))
class Dic(dict):
    pass
cc = Dic()
collections._count_elements(cc, 'aab')
print(cc)

# OrderedDict
od = OrderedDict()
od['b'] = 1; od['a'] = 2; od['c'] = 3
print(od, list(od), list(reversed(od)))
od.move_to_end('b'); print(list(od))
od.move_to_end('c', last=False); print(list(od))
print(od.popitem(), od.popitem(last=False), od)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1))
o2 = OrderedDict.fromkeys('xyz', 0); print(o2, o2 | {'w': 1})
show("od missing", lambda: od.move_to_end('nope'))
print(copy.deepcopy(o2))

# ChainMap
base = {'a': 1, 'b': 2}
over = {'b': 20, 'c': 30}
cm = ChainMap(over, base)
print(cm['a'], cm['b'], cm['c'], len(cm), sorted(cm), cm.get('z', 'dflt'))
cm['d'] = 4; print(over, cm.maps)
child = cm.new_child({'a': 100}); print(child['a'], child.parents['a'], len(child.maps))
del cm['d']; print(over)
show("cm del", lambda: cm.__delitem__('a'))
print(dict(cm), 'a' in cm, ChainMap())
