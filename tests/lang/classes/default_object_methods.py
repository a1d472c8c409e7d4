# Defaults inherited from object: equality, ne, hash, str/repr relations.
class A:
    pass
a, b = A(), A()
print(a == a, a == b, a != b, a != a)
print(hash(a) == hash(a))
print(A.__eq__(a, b), A.__ne__(a, a))
print(a.__eq__(1))
class Eq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        print('Eq.__eq__')
        return isinstance(other, Eq) and self.v == other.v
print(Eq(1) != Eq(1), Eq(1) != Eq(2))
class R:
    def __repr__(self):
        return 'R!'
print(str(R()), repr(R()), f'{R()}', [R()])
class S:
    def __str__(self):
        return 'S-str'
print(str(S()), f'{S()}', format(S()), repr(S()).startswith('<__main__.S object at 0x'))
print(object.__name__, A.__base__ is object)
print(sorted(n for n in dir(A) if not n.startswith('_')))
print(isinstance(A, object), isinstance(object, type))
try:
    A() < A()
except TypeError as e:
    print(type(e).__name__, e)
try:
    format(A(), 'x')
except TypeError as e:
    print(type(e).__name__, e)
print(format(S(), ''))
print(A.__ge__(a, b), A.__lt__(a, b))
