# Subclassing built-in types.
class MyList(list):
    def sum(self):
        return sum(self)
    def __repr__(self):
        return 'MyList(' + super().__repr__() + ')'
m = MyList([1, 2, 3])
m.append(4)
print(m, m.sum(), len(m), m[1:3], type(m[1:3]).__name__)
print(type(m + [5]).__name__, m == [1, 2, 3, 4])
class DefaultDict(dict):
    def __missing__(self, key):
        self[key] = v = len(key)
        return v
d = DefaultDict(a=1)
print(d['a'], d['xyz'], sorted(d.items()))
print(d.get('nope'), 'nope' in d)
class Str(str):
    def shout(self):
        return self.upper() + '!'
s = Str('hi')
print(s.shout(), s + 'x', type(s + 'x').__name__, type(s.upper()).__name__)
class Int(int):
    def __add__(self, other):
        return Int(int(self) + int(other) + 100)
i = Int(1)
print(i + 1, type(i + 1).__name__, 1 + i, type(1 + i).__name__)
print(i * 3, type(i * 3).__name__)
class Dict2(dict):
    def __getitem__(self, k):
        return super().__getitem__(k) * 2
d2 = Dict2(a=5)
print(d2['a'], d2.get('a'), list(d2.values()))
class T(tuple):
    @property
    def first(self):
        return self[0]
t = T((9, 8))
print(t.first, t, len(t))
t.attr = 1
print(t.attr)
class Exc(Exception):
    pass
print(isinstance(Exc(), BaseException))
class F(float):
    pass
print(F(1.5) * 2, repr(F(2.0)))
class S2(set):
    pass
print(sorted(S2([3, 1, 2]) | {5}), type(S2([1]) | {2}).__name__)
