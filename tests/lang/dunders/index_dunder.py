# __index__ is used wherever an integer is required.
class I:
    def __init__(self, n):
        self.n = n
    def __index__(self):
        print('__index__')
        return self.n
seq = list(range(10))
print(seq[I(3)])
print(seq[I(1):I(4)])
print('abc' * I(2))
print(bin(I(5)), hex(I(255)), oct(I(8)))
print(range(I(3)))
print(list(range(I(1), I(7), I(2))))
print(int(I(9)) if hasattr(I, '__int__') else 'int() uses __index__:', int(I(9)))
print(operator_index := I(4).__index__())
print([1, 2, 3][I(-1)])
print((1, 2, 3).__getitem__(I(0)))
print(bytes(I(2)))
class NotIndex:
    pass
try:
    seq[NotIndex()]
except TypeError as e:
    print(type(e).__name__, e)
try:
    'x' * NotIndex()
except TypeError as e:
    print(type(e).__name__, e)
try:
    range(NotIndex())
except TypeError as e:
    print(type(e).__name__, e)
class BadIndex:
    def __index__(self):
        return 1.5
try:
    seq[BadIndex()]
except TypeError as e:
    print(type(e).__name__, e)
# __int__ is not enough for indexing
class OnlyInt:
    def __int__(self):
        return 2
print(int(OnlyInt()))
try:
    seq[OnlyInt()]
except TypeError as e:
    print(type(e).__name__, e)
print(True + True, seq[True])
