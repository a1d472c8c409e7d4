# property with getter, setter, deleter and error cases.
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        "degrees C"
        print('get')
        return self._c
    @celsius.setter
    def celsius(self, v):
        print('set', v)
        if v < -273:
            raise ValueError('too cold')
        self._c = v
    @celsius.deleter
    def celsius(self):
        print('del')
        self._c = None
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
t = Temp()
t.celsius = 100
print(t.celsius)
print(t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print(type(e).__name__, e)
del t.celsius
print(t._c)
try:
    t.fahrenheit = 3
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del t.fahrenheit
except AttributeError as e:
    print(type(e).__name__, e)
print(Temp.celsius.__doc__)
print(type(Temp.celsius).__name__)
print(Temp.celsius.fget.__name__, Temp.fahrenheit.fset)
# property built without decorators
class Box:
    def _get(self):
        return self._v * 2
    def _set(self, v):
        self._v = v
    value = property(_get, _set, None, 'a box')
b = Box()
b.value = 4
print(b.value, Box.value.__doc__)
try:
    del b.value
except AttributeError as e:
    print(type(e).__name__, e)
# property takes precedence over instance dict
class Shadow:
    @property
    def a(self):
        return 'prop'
s = Shadow()
s.__dict__['a'] = 'dict'
print(s.a)
# property raising AttributeError
class Lazy:
    @property
    def broken(self):
        raise AttributeError('inner problem')
try:
    Lazy().broken
except AttributeError as e:
    print(type(e).__name__, e)
print(getattr(Lazy(), 'broken', 'default'))
