# type(name, bases, dict) creates classes dynamically.
def init(self, v):
    self.v = v
Point = type('Point', (), {'__init__': init, 'double': lambda self: self.v * 2, 'kind': 'pt'})
p = Point(4)
print(p.v, p.double(), p.kind, Point.__name__, Point.__qualname__)
print(Point.__bases__ == (object,))
Sub = type('Sub', (Point,), {'kind': 'sub'})
s = Sub(1)
print(s.kind, s.double(), [c.__name__ for c in Sub.__mro__])
print(type(p) is Point, type(Point) is type)
print(Point.__module__)
try:
    type('X', 5, {})
except TypeError as e:
    print(type(e).__name__, e)
try:
    type('X', (), [])
except TypeError as e:
    print(type(e).__name__, e)
try:
    type('X', ())
except TypeError as e:
    print(type(e).__name__, e)
try:
    type(1, (), {})
except TypeError as e:
    print(type(e).__name__, e)
print(type(3).__name__, type('s') is str)
Q = type('Q', (int,), {})
print(Q(5) + 1, isinstance(Q(5), int))
# the dict is copied
d = {'a': 1}
R = type('R', (), d)
d['a'] = 2
print(R.a)
E = type('', (), {})
print(repr(E.__name__))
