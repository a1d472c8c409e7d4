# Two-argument super(type, obj) and super(type, type).
class A:
    def who(self):
        return 'A'
    @classmethod
    def cm(cls):
        return 'A.cm ' + cls.__name__
class B(A):
    def who(self):
        return 'B'
class C(B):
    def who(self):
        return 'C'
c = C()
print(super(C, c).who(), super(B, c).who())
print(super(C, C).cm(), super(B, C).cm())
print(super(C, C).who(c))
try:
    super(A, c).who()
except AttributeError as e:
    print(type(e).__name__, e)
try:
    super(C, 5)
except TypeError as e:
    print(type(e).__name__, e)
s = super(B, c)
print(s.__thisclass__.__name__, s.__self__ is c, s.__self_class__.__name__)
def outside(self):
    return super(C, self).who() + '!'
C.extra = outside
print(c.extra())
