# __slots__: restricted attributes and the resulting AttributeError messages.
class P:
    __slots__ = ('x', 'y')
    def __init__(self, x):
        self.x = x
p = P(1)
print(p.x)
try:
    p.y
except AttributeError as e:
    print(type(e).__name__, e)
try:
    p.z = 3
except AttributeError as e:
    print(type(e).__name__, e)
p.y = 2
print(p.y)
del p.y
try:
    del p.y
except AttributeError as e:
    print(type(e).__name__, e)
print(hasattr(p, '__dict__'))
print(type(P.x).__name__)
print(P.__slots__)
# subclass without __slots__ gets a dict
class Q(P):
    pass
q = Q(5)
q.z = 6
print(q.x, q.z, hasattr(q, '__dict__'))
# subclass with its own slots
class R(P):
    __slots__ = ('w',)
r = R(1)
r.w = 9
print(r.x, r.w)
try:
    r.v = 1
except AttributeError as e:
    print(type(e).__name__, e)
# single string slot
class S:
    __slots__ = 'only'
s = S()
s.only = 'yes'
print(s.only)
# __dict__ in slots
class T:
    __slots__ = ('a', '__dict__')
t = T()
t.a = 1
t.b = 2
print(t.a, t.b, vars(t))
# conflict between slot and class variable
try:
    class U:
        __slots__ = ('a',)
        a = 5
except ValueError as e:
    print(type(e).__name__, e)
# slot with class-level default through a property-like descriptor
class V:
    __slots__ = ()
try:
    V().x = 1
except AttributeError as e:
    print(type(e).__name__, e)
