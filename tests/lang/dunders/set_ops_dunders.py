# Operators with user classes interacting with built-in containers.
class Bag:
    def __init__(self, *items):
        self.items = list(items)
    def __repr__(self):
        return f'Bag{tuple(self.items)}'
    def __or__(self, other):
        if isinstance(other, Bag):
            return Bag(*self.items, *other.items)
        if isinstance(other, (set, frozenset, list)):
            return Bag(*self.items, *sorted(other))
        return NotImplemented
    __ror__ = __or__
    def __eq__(self, other):
        if isinstance(other, Bag):
            return sorted(self.items) == sorted(other.items)
        return NotImplemented
    __hash__ = None
print(Bag(1) | Bag(2))
print(Bag(1) | {3, 2})
print({3, 2} | Bag(1))
print([5] | Bag(0))
try:
    Bag(1) | 5
except TypeError as e:
    print(type(e).__name__, e)
print(Bag(1, 2) == Bag(2, 1), Bag(1) == [1], Bag(1) != Bag(2))
print(Bag(1) in [Bag(1)], [Bag(1)].index(Bag(1)), [Bag(2), Bag(1)].count(Bag(1)))
# dict | dict and |= with user mapping
d = {'a': 1}
d |= [('b', 2)]
print(d)
try:
    d | [('c', 3)]
except TypeError as e:
    print(type(e).__name__, e)
print({1, 2} & {2, 3}, {1, 2} - {2}, {1, 2} ^ {2, 3})
try:
    {1} + {2}
except TypeError as e:
    print(type(e).__name__, e)
