# hasattr, getattr, setattr, delattr.
class O:
    cls_attr = 'class'
    def method(self):
        return 'method result'
o = O()
print(hasattr(o, 'cls_attr'), hasattr(o, 'missing'), hasattr(o, 'method'), hasattr(5, 'real'))
print(getattr(o, 'cls_attr'), getattr(o, 'missing', 'default'), getattr(o, 'method')())
setattr(o, 'dynamic', 42)
print(o.dynamic, getattr(o, 'dynamic'), o.__dict__)
setattr(o, 'not an identifier', 1)
print(getattr(o, 'not an identifier'))
delattr(o, 'dynamic')
print(hasattr(o, 'dynamic'))
setattr(O, 'added_to_class', 'yes')
print(o.added_to_class)
print(getattr(1, 'bit_length')(), getattr('s', 'upper')(), getattr([], '__len__')())
try:
    getattr(o, 'missing')
except AttributeError as e:
    print(type(e).__name__, e)
try:
    getattr(o, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    setattr(5, 'x', 1)
except AttributeError as e:
    print(type(e).__name__, e)
try:
    delattr(o, 'never')
except AttributeError as e:
    print(type(e).__name__, e)
try:
    getattr(None, 'x')
except AttributeError as e:
    print(type(e).__name__, e)
try:
    O.missing_on_class
except AttributeError as e:
    print(type(e).__name__, e)
class Raiser:
    @property
    def boom(self):
        raise ValueError('not an AttributeError')
try:
    hasattr(Raiser(), 'boom')
except ValueError as e:
    print(type(e).__name__, e)
