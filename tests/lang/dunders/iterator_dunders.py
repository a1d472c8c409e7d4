# __iter__/__next__ classes, __reversed__, __length_hint__ not required.
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
c = Countdown(3)
print(list(c), list(c))
print(iter(c) is c)
it = Countdown(2)
print(next(it), next(it), next(it, 'done'))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__, repr(e), e.value)
try:
    next([1])
except TypeError as e:
    print(type(e).__name__, e)
class Rev:
    def __init__(self, data):
        self.data = data
    def __reversed__(self):
        print('__reversed__')
        return iter(self.data[::-1] + ['!'])
print(list(reversed(Rev([1, 2]))))
class SeqRev:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if not 0 <= i < 3:
            raise IndexError
        return i * 2
print(list(reversed(SeqRev())))
class NotRev:
    def __iter__(self):
        return iter([])
try:
    reversed(NotRev())
except TypeError as e:
    print(type(e).__name__, e)
# sum/min/max/sorted/zip/enumerate consume iterators
print(sum(Countdown(4)), max(Countdown(4)), sorted(Countdown(3)))
print(list(zip(Countdown(3), 'ab')), list(enumerate(Countdown(2), 10)))
# unpacking uses the iterator protocol
a, b, *rest = Countdown(5)
print(a, b, rest)
print(*Countdown(3))
print(dict.fromkeys(Countdown(2)))
