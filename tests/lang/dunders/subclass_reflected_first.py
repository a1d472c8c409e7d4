# If the right operand's type is a subclass of the left's and overrides the reflected method, it goes first.
class Base:
    def __init__(self, name):
        self.name = name
    def __add__(self, o):
        return f'{self.name}.__add__'
    def __radd__(self, o):
        return f'{self.name}.__radd__'
    def __mul__(self, o):
        return f'{self.name}.__mul__'
    def __rmul__(self, o):
        return f'{self.name}.__rmul__'
    def __lt__(self, o):
        return f'{self.name}.__lt__'
    def __gt__(self, o):
        return f'{self.name}.__gt__'
class Derived(Base):
    def __radd__(self, o):
        return f'{self.name}.__radd__(derived)'
    def __gt__(self, o):
        return f'{self.name}.__gt__(derived)'
class NoOverride(Base):
    pass
b, d, n = Base('b'), Derived('d'), NoOverride('n')
print(b + d)
print(d + b)
print(b * d)
print(b + n)
print(b < d)
print(b < n)
print(d < b)
class Derived2(Base):
    def __radd__(self, o):
        print('Derived2.__radd__ returns NotImplemented')
        return NotImplemented
print(b + Derived2('d2'))
# int subclass overriding __radd__ beats int.__add__
class MyInt(int):
    def __radd__(self, o):
        return 'MyInt.__radd__'
    def __rsub__(self, o):
        return 'MyInt.__rsub__'
print(1 + MyInt(2), 1 - MyInt(2), MyInt(2) + 1)
class MyFloat(float):
    def __rmul__(self, o):
        return 'MyFloat.__rmul__'
print(2.0 * MyFloat(1), 2 * MyFloat(1))
