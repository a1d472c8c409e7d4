# len() and __len__ return value checks.
class L:
    def __init__(self, v):
        self.v = v
    def __len__(self):
        return self.v
print(len(L(5)), len(L(0)), len(L(True)))
for bad in (-1, 1.5, '2', None, 2**70):
    try:
        print(len(L(bad)))
    except (TypeError, ValueError, OverflowError) as e:
        print(repr(bad), type(e).__name__, e)
class IndexLike:
    def __index__(self):
        return 7
print(len(L(IndexLike())))
class NoLen:
    pass
try:
    len(NoLen())
except TypeError as e:
    print(type(e).__name__, e)
try:
    len(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    len()
except TypeError as e:
    print(type(e).__name__, e)
try:
    len([], [])
except TypeError as e:
    print(type(e).__name__, e)
print(len('héllo'), len(b'ab'), len(range(0, 10, 3)), len({1: 2}), len(set()), len(()))
class R:
    def __len__(self):
        raise RuntimeError('len failed')
try:
    len(R())
except RuntimeError as e:
    print(type(e).__name__, e)
