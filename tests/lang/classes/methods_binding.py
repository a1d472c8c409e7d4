# Bound methods, unbound functions, method equality, and calling through the class.
class A:
    def m(self, x=1):
        return ('m', type(self).__name__, x)
    def __repr__(self):
        return 'A()'
a = A()
print(a.m())
print(A.m(a, 5))
bm = a.m
print(bm(7))
print(bm == a.m, bm is a.m)
print(type(bm).__name__, type(A.m).__name__)
print(bm.__self__, bm.__func__.__name__)
print(A.m.__qualname__)
class B(A):
    pass
print(B().m())
# a method can be called with another object as self through the class
class Other:
    pass
print(A.m(Other(), 9))
try:
    A.m()
except TypeError as e:
    print(type(e).__name__, e)
try:
    a.m(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    a.m(y=3)
except TypeError as e:
    print(type(e).__name__, e)
# Methods with keyword-only and varargs
class K:
    def f(self, *args, sep='-', **kw):
        return sep.join(map(str, args)) + str(sorted(kw.items()))
print(K().f(1, 2, 3, sep='+', z=1, a=2))
