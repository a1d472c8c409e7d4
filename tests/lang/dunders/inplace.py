# In-place operators: __iadd__ and friends, fallback to binary operators.
class Acc:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f'Acc({self.v})'
    def __iadd__(self, o):
        self.v += o
        return self
    def __isub__(self, o):
        self.v -= o
        return self
    def __imul__(self, o):
        self.v *= o
        return self
    def __imatmul__(self, o):
        self.v = ('imatmul', self.v, o)
        return self
    def __itruediv__(self, o):
        self.v /= o
        return self
    def __ifloordiv__(self, o):
        self.v //= o
        return self
    def __imod__(self, o):
        self.v %= o
        return self
    def __ipow__(self, o):
        self.v **= o
        return self
    def __ilshift__(self, o):
        self.v <<= o
        return self
    def __irshift__(self, o):
        self.v >>= o
        return self
    def __iand__(self, o):
        self.v &= o
        return self
    def __ior__(self, o):
        self.v |= o
        return self
    def __ixor__(self, o):
        self.v ^= o
        return self
a = Acc(10)
orig = a
a += 5; print(a)
a -= 3; print(a)
a *= 2; print(a)
a //= 5; print(a)
a %= 3; print(a)
a **= 5; print(a)
a <<= 3; print(a)
a >>= 1; print(a)
a &= 0xff; print(a)
a |= 1; print(a)
a ^= 3; print(a)
a /= 4; print(a)
a @= 1; print(a)
print(a is orig)
# fallback to __add__ when there is no __iadd__: a new object
class Plain:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return Plain(self.v + o)
p = Plain(1)
q = p
p += 1
print(p.v, q.v, p is q)
# __iadd__ returning NotImplemented falls back to __add__
class NI:
    def __iadd__(self, o):
        print('NI.__iadd__')
        return NotImplemented
    def __add__(self, o):
        print('NI.__add__')
        return 'added'
x = NI()
x += 1
print(x)
# __iadd__ result is what gets bound, even if not self
class Weird:
    def __iadd__(self, o):
        return 'something else'
w = Weird()
w += 1
print(w)
# lists: += extends in place, + makes a new list
l = [1]
m = l
l += [2]
print(l, m, l is m)
t = (1,)
u = t
t += (2,)
print(t, u)
# augmented assignment on subscripts and attributes evaluates target once
class Counter:
    def __init__(self):
        self.d = {'k': 1}
        self.gets = 0
    def get(self):
        self.gets += 1
        return self.d
c = Counter()
c.get()['k'] += 10
print(c.d, c.gets)
try:
    t = (1, [2])
    t[1] += [3]
except TypeError as e:
    print(type(e).__name__, e)
print(t)
