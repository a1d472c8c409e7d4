# Functions stored on classes become bound methods; stored on instances they do not.
class C:
    def m(self, x):
        return ('m', x)
    @staticmethod
    def s(x):
        return ('s', x)
    @classmethod
    def c(cls, x):
        return (cls.__name__, x)
c = C()
print(c.m(1), C.m(c, 2), c.s(3), C.s(4), c.c(5), C.c(6))
bm = c.m
print(bm(7), bm.__self__ is c, bm.__func__ is C.m, type(bm).__name__)
c.inst_fn = lambda x: ('inst', x)
print(c.inst_fn(8))
def outside(self):
    return 'attached later to ' + type(self).__name__
C.attached = outside
print(c.attached())
try:
    C.m(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    c.m()
except TypeError as e:
    print(type(e).__name__, e)
try:
    c.m(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
