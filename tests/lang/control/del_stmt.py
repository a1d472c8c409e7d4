# del of names, items, slices and attributes.
x = 1
del x
try:
    print(x)
except NameError as e:
    print(type(e).__name__, e)
lst = list(range(10))
del lst[0]
print(lst)
del lst[-1]
print(lst)
del lst[1:3]
print(lst)
del lst[::2]
print(lst)
d = {'a': 1, 'b': 2, 'c': 3}
del d['b']
print(d)
try:
    del d['zz']
except KeyError as e:
    print(type(e).__name__, e)
class O:
    pass
o = O()
o.attr = 5
del o.attr
print(hasattr(o, 'attr'))
try:
    del o.attr
except AttributeError as e:
    print(type(e).__name__, e)
a, b, c = 1, 2, 3
del a, (b, c)
print('a' in dir(), 'b' in dir(), 'c' in dir())
def f():
    y = 1
    del y
    try:
        return y
    except UnboundLocalError as e:
        return type(e).__name__ + ': ' + str(e)
print(f())
try:
    del undefined_thing
except NameError as e:
    print(type(e).__name__, e)
t = (1, 2)
try:
    del t[0]
except TypeError as e:
    print(type(e).__name__, e)
l2 = [1, 2]
try:
    del l2[5]
except IndexError as e:
    print(type(e).__name__, e)
def g():
    del gv
gv = 1
try:
    g()
except UnboundLocalError as e:
    print(type(e).__name__, e)
