# Truth values of built-in objects and of objects with __bool__ / __len__.
for v in [0, 1, -1, 0.0, 0.1, 0j, 1j, '', ' ', b'', b'\x00', [], [0], (), (None,), {}, {0: 0},
          set(), {0}, None, True, False, range(0), range(1), 2 ** 100]:
    print(repr(v), bool(v))
class B:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        return self.v
class L:
    def __len__(self):
        return 3
class Both:
    def __bool__(self):
        return False
    def __len__(self):
        return 5
class Nothing:
    pass
print(bool(B(True)), bool(B(False)), bool(L()), bool(Both()), bool(Nothing()))
try:
    bool(B(1))
except TypeError as e:
    print(type(e).__name__, e)
class NegLen:
    def __len__(self):
        return -1
try:
    bool(NegLen())
except ValueError as e:
    print(type(e).__name__, e)
if B(False):
    print('wrong')
else:
    print('B(False) is false in if')
while L():
    print('L() is true in while')
    break
