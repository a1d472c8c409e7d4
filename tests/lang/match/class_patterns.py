# Class patterns with positional (__match_args__) and keyword sub-patterns.
class Point:
    __match_args__ = ('x', 'y')
    def __init__(self, x, y):
        self.x = x
        self.y = y
class Circle:
    __match_args__ = ('center', 'radius')
    def __init__(self, center, radius):
        self.center = center
        self.radius = radius
def where(p):
    match p:
        case Point(0, 0):
            return 'origin'
        case Point(0, y):
            return f'on y axis at {y}'
        case Point(x=0) | Point(y=0):
            return 'on an axis'
        case Point(x, y) if x == y:
            return f'diagonal {x}'
        case Circle(Point(x, y), radius=r):
            return f'circle at {x},{y} r={r}'
        case Point():
            return 'some point'
        case _:
            return 'not a point'
for v in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2), Circle(Point(1, 1), 9), 'p']:
    print(where(v))
def builtins_match(v):
    match v:
        case int(n) if n < 0:
            return f'negative int {n}'
        case int(n):
            return f'int {n}'
        case str(s):
            return f'str {s!r}'
        case float() | complex():
            return 'float or complex'
        case list([x, *_]):
            return f'list starting {x}'
        case tuple((a, b)):
            return f'pair {a} {b}'
        case bool():
            return 'unreachable: bool is an int'
        case dict(d):
            return f'dict {d}'
        case _:
            return 'other'
for v in [-3, 7, True, 'txt', 2.0, 1j, [9, 8], (1, 2), {'a': 1}, None, []]:
    print(repr(v), builtins_match(v))
class NoArgs:
    pass
try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print(type(e).__name__, e)
class Short:
    __match_args__ = ('a',)
    a = 1
try:
    match Short():
        case Short(1, 2):
            pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    match Point(1, 2):
        case Point(1, x=1):
            pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    match 5:
        case int(1, 2):
            pass
except TypeError as e:
    print(type(e).__name__, e)
match Point(1, 2):
    case Point(z=3):
        print('no z attribute: not matched')
    case _:
        print('missing attribute means no match')
notaclass = 'str'
try:
    match 1:
        case notaclass.upper():
            pass
except TypeError as e:
    print(type(e).__name__, e)
