# hash() of numbers (stable across runs) and hashability rules.
print(hash(0), hash(1), hash(-1), hash(-2), hash(True), hash(1.0), hash(1.5), hash(2 ** 61 - 1), hash(2 ** 61))
print(hash(1) == hash(1.0) == hash(True), hash(0.5) == hash(0.5), hash((1, 2)) == hash((1, 2)))
print(hash(10 ** 30) == hash(10.0 ** 30) if 10 ** 30 == 10.0 ** 30 else 'not equal')
print(hash(None) == hash(None), hash(frozenset({1})) == hash(frozenset([1])))
for v in [[], {}, set(), ([],)]:
    try:
        hash(v)
    except TypeError as e:
        print(type(e).__name__, e)
class Eq:
    def __eq__(self, other):
        return True
try:
    hash(Eq())
except TypeError as e:
    print(type(e).__name__, e)
class H:
    def __hash__(self):
        return 12345
print(hash(H()))
