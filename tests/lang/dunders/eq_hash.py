# __eq__ and __hash__ rules.
class OnlyEq:
    def __eq__(self, o):
        return True
print(OnlyEq.__hash__)
try:
    hash(OnlyEq())
except TypeError as e:
    print(type(e).__name__, e)
try:
    {OnlyEq()}
except TypeError as e:
    print(type(e).__name__, e)
try:
    {OnlyEq(): 1}
except TypeError as e:
    print(type(e).__name__, e)
class Both:
    def __init__(self, k):
        self.k = k
    def __eq__(self, o):
        return isinstance(o, Both) and self.k == o.k
    def __hash__(self):
        return hash(self.k)
s = {Both(1), Both(1), Both(2)}
print(len(s), Both(1) in s, Both(3) in s)
d = {Both(1): 'one'}
print(d[Both(1)])
# subclass inherits __hash__ unless it defines __eq__
class Sub(Both):
    pass
print(hash(Sub(5)) == hash(5))
class SubEq(Both):
    def __eq__(self, o):
        return False
print(SubEq.__hash__)
class SubEqKeep(Both):
    def __eq__(self, o):
        return False
    __hash__ = Both.__hash__
print(hash(SubEqKeep(7)) == hash(7))
# explicitly unhashable
class NoHash:
    __hash__ = None
try:
    hash(NoHash())
except TypeError as e:
    print(type(e).__name__, e)
# __hash__ returning non-int
class BadHash:
    def __hash__(self):
        return 'x'
try:
    hash(BadHash())
except TypeError as e:
    print(type(e).__name__, e)
# big hash values are reduced
class BigHash:
    def __hash__(self):
        return 2**100
print(hash(BigHash()) == hash(2**100))
class NegOne:
    def __hash__(self):
        return -1
print(hash(NegOne()))
print(hash(1) == hash(1.0) == hash(True), hash(-1))
for v in ([], {}, set(), bytearray()):
    try:
        hash(v)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    hash((1, [2]))
except TypeError as e:
    print(type(e).__name__, e)
# __eq__ with identity shortcut in containers
class NeverEq:
    def __eq__(self, o):
        return False
    __hash__ = object.__hash__
n = NeverEq()
print(n in [n], n == n, [n] == [n], n in {n})
nan = float('nan')
print(nan in [nan], nan == nan)
