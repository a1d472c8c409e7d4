# __getattr__, __getattribute__, __setattr__, __delattr__.
class Fallback:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        print('__getattr__', name)
        if name.startswith('x'):
            return name.upper()
        raise AttributeError(f'no {name}')
f = Fallback()
print(f.real)
print(f.xyz)
try:
    f.abc
except AttributeError as e:
    print(type(e).__name__, e)
print(getattr(f, 'q', 'default'))
print(hasattr(f, 'xq'))
class Logged:
    def __getattribute__(self, name):
        print('get', name)
        return object.__getattribute__(self, name)
    def __setattr__(self, name, value):
        print('set', name, value)
        object.__setattr__(self, name, value * 2)
    def __delattr__(self, name):
        print('del', name)
        object.__delattr__(self, name)
l = Logged()
l.v = 5
print(l.v)
del l.v
try:
    l.v
except AttributeError as e:
    print(type(e).__name__, e)
# __getattribute__ raising AttributeError falls back to __getattr__
class Both:
    def __getattribute__(self, name):
        if name == 'hidden':
            raise AttributeError(name)
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return 'fallback for ' + name
b = Both()
b.hidden = 3
print(b.hidden)
print(b.other)
# frozen object
class Frozen:
    def __init__(self, v):
        object.__setattr__(self, 'v', v)
    def __setattr__(self, name, value):
        raise AttributeError(f'cannot set {name!r}')
    def __delattr__(self, name):
        raise AttributeError(f'cannot delete {name!r}')
fr = Frozen(1)
print(fr.v)
for action in ('set', 'del'):
    try:
        if action == 'set':
            fr.v = 2
        else:
            del fr.v
    except AttributeError as e:
        print(type(e).__name__, e)
# special method lookup bypasses __getattr__
class Len:
    def __getattr__(self, name):
        return lambda: 3
try:
    len(Len())
except TypeError as e:
    print(type(e).__name__, e)
print(Len().__len__())
