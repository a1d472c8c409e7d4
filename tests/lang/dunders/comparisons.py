# Rich comparisons, reflection (swapped operators) and chained comparisons.
class C:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f'C{self.v}'
    def __lt__(self, o):
        print(f'{self!r}.__lt__({o!r})')
        return self.v < (o.v if isinstance(o, C) else o)
    def __le__(self, o):
        print(f'{self!r}.__le__({o!r})')
        return self.v <= (o.v if isinstance(o, C) else o)
    def __eq__(self, o):
        print(f'{self!r}.__eq__({o!r})')
        return self.v == (o.v if isinstance(o, C) else o)
    def __gt__(self, o):
        print(f'{self!r}.__gt__({o!r})')
        return self.v > (o.v if isinstance(o, C) else o)
    __hash__ = None
print(C(1) < C(2))
print(C(1) <= C(1))
print(C(1) == C(1))
print(C(1) != C(2))
print(C(3) > C(2))
print(C(3) >= C(2) if hasattr(C, '__ge__') and C.__ge__ is not object.__ge__ else 'no __ge__ defined')
# reflection: 5 < C(3) calls C(3).__gt__(5)
print(5 < C(3))
print(5 > C(3))
print(5 == C(5))
# >= is reflected to __le__
print(5 >= C(3))
print(C(1) < C(2) < C(3))
print(1 < C(2) < 3)
# comparison methods can return non-bools
class Weird:
    def __lt__(self, o):
        return 'less-ish'
    def __eq__(self, o):
        return [1, 2]
print(Weird() < 1, Weird() == 1)
print(1 > Weird())
print(Weird() != 1)
# result of chained comparison uses truth of intermediate results
class Falsy:
    def __lt__(self, o):
        return 0
print(Falsy() < 1 < 2)
print(sorted([C(3), C(1), C(2)]))
