# Truth testing: __bool__, then __len__, then true.
class B:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        print('__bool__')
        return self.v
class L:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        print('__len__')
        return self.n
class Both:
    def __bool__(self):
        return True
    def __len__(self):
        return 0
class Neither:
    pass
print(bool(B(True)), bool(B(False)))
print(bool(L(0)), bool(L(3)))
print(bool(Both()), len(Both()))
print(bool(Neither()))
if L(0):
    print('unreachable')
else:
    print('L(0) is false')
print(not B(False))
print(B(False) or 'fallback')
print(L(2) and 'second')
while L(0):
    pass
print([x for x in [L(0), L(1)] if x].__len__())
try:
    bool(B(1))
except TypeError as e:
    print(type(e).__name__, e)
class BadLen:
    def __len__(self):
        return -1
try:
    bool(BadLen())
except ValueError as e:
    print(type(e).__name__, e)
class StrLen:
    def __len__(self):
        return '3'
try:
    bool(StrLen())
except TypeError as e:
    print(type(e).__name__, e)
class NoneBool:
    __bool__ = None
try:
    bool(NoneBool())
except TypeError as e:
    print(type(e).__name__, e)
print(bool(0.0), bool(''), bool([]), bool(()), bool({}), bool(None), bool(0j), bool(range(0)))
print(bool(-1), bool('0'), bool([0]), bool(range(1)))
