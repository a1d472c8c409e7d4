# Binary operators dispatching to user-defined dunders, including reflected ones.
class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, o):
        return V(self.x + (o.x if isinstance(o, V) else o))
    def __radd__(self, o):
        return V(o + self.x)
    def __mul__(self, k):
        if not isinstance(k, int):
            return NotImplemented
        return V(self.x * k)
    __rmul__ = __mul__
    def __eq__(self, o):
        return isinstance(o, V) and self.x == o.x
    def __lt__(self, o):
        return self.x < o.x
    def __repr__(self):
        return f'V({self.x})'
print(V(1) + V(2), V(1) + 5, 5 + V(1), V(3) * 2, 2 * V(3))
print(sum([V(1), V(2), V(3)]), V(1) == V(1), V(1) != V(2), V(1) < V(2), V(2) > V(1))
print(sorted([V(3), V(1), V(2)]), max(V(1), V(5)))
try:
    V(1) * 'a'
except TypeError as e:
    print(type(e).__name__, e)
try:
    V(1) < 3
except AttributeError as e:
    print(type(e).__name__, e)
class Plain:
    pass
try:
    Plain() + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    Plain() < Plain()
except TypeError as e:
    print(type(e).__name__, e)
print(Plain() == Plain(), Plain() != Plain())
class IAdd:
    def __init__(self):
        self.log = []
    def __iadd__(self, o):
        self.log.append(o)
        return self
i = IAdd()
j = i
i += 1
i += 2
print(i is j, i.log)
