# dict methods and insertion order.
d = {'b': 1, 'a': 2}
d['c'] = 3
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.get('a'), d.get('z'), d.get('z', 0), d['b'], 'a' in d, 2 in d)
print(d.pop('b'), d.pop('z', 'dflt'), d)
d['b'] = 'readded'
print(d)
print(d.setdefault('a', 'unused'), d.setdefault('new', []), d)
d.update({'a': 'updated'}, extra=1)
d.update([('pair', 2)])
print(d)
print(d.popitem(), d)
c = d.copy()
c.clear()
print(c, len(d))
print(dict.fromkeys('ab'), dict.fromkeys([1, 2], 0), dict([(1, 'x')]), dict(a=1))
print({1: 'int', 1.0: 'float', True: 'bool'})
e = {'x': 1}
e['x'] = 2
print(e, {'a': 1} | {'b': 2}, {'a': 1} == {'a': 1.0})
e |= {'y': 3}
print(e)
try:
    {}['missing']
except KeyError as err:
    print(type(err).__name__, err)
try:
    {}.popitem()
except KeyError as err:
    print(type(err).__name__, err)
try:
    d2 = {'a': 1}
    for k in d2:
        d2['b'] = 2
except RuntimeError as err:
    print(type(err).__name__, err)
keys = d.keys()
d['late'] = 0
print('late' in keys, len(keys))
print(sorted({3: 'c', 1: 'a'}.items()), list(reversed({'p': 1, 'q': 2})))
