# __dict__ and vars() on instances, classes and modules.
class A:
    cls_attr = 1
    def __init__(self):
        self.a = 1
        self.b = 2
o = A()
print(o.__dict__, vars(o) is o.__dict__)
o.__dict__['c'] = 3
print(o.c)
o.__dict__ = {'z': 26}
print(o.z, hasattr(o, 'a'))
try:
    o.__dict__ = 5
except TypeError as e:
    print(type(e).__name__, e)
print(type(A.__dict__).__name__)
print(A.__dict__['cls_attr'], sorted(k for k in A.__dict__ if not k.startswith('__')))
try:
    A.__dict__['x'] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    vars(5)
except TypeError as e:
    print(type(e).__name__, e)
print(vars(A)['cls_attr'])
class S:
    __slots__ = ('q',)
try:
    vars(S())
except TypeError as e:
    print(type(e).__name__, e)
# vars() with no args inside a function is locals()
def f(x):
    y = x + 1
    return sorted(vars().items())
print(f(1))
import sys
print(vars(sys.modules[__name__])['A'] is A)
print('__module__' in A.__dict__, '__dict__' in A.__dict__, '__weakref__' in A.__dict__)
class B(A):
    pass
print('__dict__' in B.__dict__, sorted(B.__dict__))
