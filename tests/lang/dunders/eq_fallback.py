# == and != when both sides return NotImplemented fall back to identity.
class A:
    def __eq__(self, o):
        print('A.__eq__')
        return NotImplemented
    __hash__ = object.__hash__
class B:
    def __eq__(self, o):
        print('B.__eq__')
        return NotImplemented
    __hash__ = object.__hash__
a, b = A(), B()
print(a == b)
print(a != b)
print(a == a)
print(a != a)
print(b == 1, 1 == b)
# __ne__ defaults to inverting __eq__ unless __eq__ returns NotImplemented
class E:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == getattr(o, 'v', None)
print(E(1) != E(1), E(1) != E(2))
class OnlyNe:
    def __ne__(self, o):
        return 'custom ne'
print(OnlyNe() != 1, OnlyNe() == OnlyNe())
# __ne__ reflected: 1 != OnlyNe() tries int.__ne__ (NotImplemented), then OnlyNe.__ne__
print(1 != OnlyNe())
# order: left operand first unless right is a subclass
class Parent:
    def __eq__(self, o):
        print('Parent.__eq__')
        return NotImplemented
class Child(Parent):
    def __eq__(self, o):
        print('Child.__eq__')
        return NotImplemented
print(Parent() == Child())
print(Child() == Parent())
# comparing with a built-in
class Num:
    def __eq__(self, o):
        return o == 5
print(5 == Num(), Num() == 5, [5] == [Num()], (Num(),) == (5,))
