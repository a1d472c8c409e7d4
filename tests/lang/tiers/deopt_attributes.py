# Attribute loads and stores specialize, then the shapes they rely on change.

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def total(self):
        return self.x + self.y


def read_x(p):
    return p.x


def call_total(p):
    return p.total()


points = [Point(i, i + 1) for i in range(200)]
print(sum(read_x(p) for p in points))
print(sum(call_total(p) for p in points))

# Attributes added in a different order: another split layout or a combined dict.
class Late:
    pass

a = Late()
a.y = 1
a.x = 2
b = Late()
b.x = 3
b.y = 4
for i in range(100):
    assert read_x(a) == 2 and read_x(b) == 3
print("order", read_x(a), read_x(b))

# A method shadowed by an instance attribute after the load specialized.
p = Point(5, 6)
for i in range(100):
    call_total(p)
p.total = lambda: "shadowed"
print(call_total(p))

# The class changes after its method was cached.
def new_total(self):
    return self.x * self.y
Point.total = new_total
print(call_total(Point(3, 4)))

# Deleting an attribute: the load misses and raises as usual.
q = Point(7, 8)
for i in range(100):
    read_x(q)
del q.x
try:
    read_x(q)
except AttributeError as e:
    print("AttributeError", e)

# __dict__ replaced by a plain dict.
r = Point(1, 2)
for i in range(100):
    read_x(r)
r.__dict__ = {"x": "replaced", "y": 0}
print(read_x(r))

# A property added to the class later overrides the instance attribute.
s = Point(1, 2)
for i in range(100):
    read_x(s)
Point.x = property(lambda self: "property")
print(read_x(s))
del Point.x
print(read_x(s))

# Stores: slots and instance values, then a __setattr__ appears.
class Slotted:
    __slots__ = ("v",)

def store(o, value):
    o.v = value

def load_v(o):
    return o.v

slotted = Slotted()
for i in range(100):
    store(slotted, i)
print(load_v(slotted))
del slotted.v
try:
    load_v(slotted)
except AttributeError as e:
    print("AttributeError", e)

class Plain:
    pass

plain = Plain()
for i in range(100):
    store(plain, i)
print(plain.v)
log = []
Plain.__setattr__ = lambda self, name, value: log.append((name, value))
store(plain, "logged")
print(plain.v, log)

# Module attributes: the module's dict changes.
import math
def get_pi():
    return math.pi
for i in range(100):
    get_pi()
math.pi = 3
print(get_pi())
del math.pi
try:
    get_pi()
except AttributeError as e:
    print("AttributeError", e)

# Class attributes: the class changes, or a metaclass attribute.
class Config:
    level = 1

def level():
    return Config.level
for i in range(100):
    level()
Config.level = 2
print(level())
