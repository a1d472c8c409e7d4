# Reflected operators __radd__ etc. are tried when the left operand cannot handle it.
class R:
    def __init__(self, tag):
        self.tag = tag
    def __repr__(self):
        return self.tag
    def __radd__(self, o): return f'radd({o!r}, {self.tag})'
    def __rsub__(self, o): return f'rsub({o!r}, {self.tag})'
    def __rmul__(self, o): return f'rmul({o!r}, {self.tag})'
    def __rmatmul__(self, o): return f'rmatmul({o!r}, {self.tag})'
    def __rtruediv__(self, o): return f'rtruediv({o!r}, {self.tag})'
    def __rfloordiv__(self, o): return f'rfloordiv({o!r}, {self.tag})'
    def __rmod__(self, o): return f'rmod({o!r}, {self.tag})'
    def __rdivmod__(self, o): return f'rdivmod({o!r}, {self.tag})'
    def __rpow__(self, o, mod=None): return f'rpow({o!r}, {self.tag}, {mod})'
    def __rlshift__(self, o): return f'rlshift({o!r}, {self.tag})'
    def __rrshift__(self, o): return f'rrshift({o!r}, {self.tag})'
    def __rand__(self, o): return f'rand({o!r}, {self.tag})'
    def __ror__(self, o): return f'ror({o!r}, {self.tag})'
    def __rxor__(self, o): return f'rxor({o!r}, {self.tag})'
r = R('r')
print(1 + r)
print(1 - r)
print('s' * r)
print(1 @ r)
print(1 / r)
print(1 // r)
print(1 % r)
print(divmod(1, r))
print(2 ** r)
print(1 << r)
print(1 >> r)
print(1 & r)
print(1 | r)
print(1 ^ r)
print([1] + r)
print(None + r if False else 'skip')
# three-argument pow does not try __rpow__
try:
    pow(2, r, 5)
except TypeError as e:
    print(type(e).__name__, e)
# the left operand's __add__ returning NotImplemented lets __radd__ run
class L:
    def __add__(self, o):
        print('L.__add__')
        return NotImplemented
    def __repr__(self):
        return 'l'
print(L() + r)
# same type: reflected method is not tried
class Same:
    def __radd__(self, o):
        return 'radd'
try:
    Same() + Same()
except TypeError as e:
    print(type(e).__name__, e)
