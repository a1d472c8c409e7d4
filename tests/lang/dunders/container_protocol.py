# __contains__, __iter__, __getitem__ fallbacks for 'in' and iteration.
class WithContains:
    def __contains__(self, x):
        print('__contains__', x)
        return x == 3
print(3 in WithContains(), 4 in WithContains(), 4 not in WithContains())
class WithIter:
    def __iter__(self):
        print('__iter__')
        return iter([1, 2, 3])
print(2 in WithIter(), 5 in WithIter())
print(list(WithIter()))
class WithGetitem:
    def __getitem__(self, i):
        print('__getitem__', i)
        if i >= 3:
            raise IndexError(i)
        return i * 10
print(20 in WithGetitem())
print(list(WithGetitem()))
for v in WithGetitem():
    print('loop', v)
class Neither:
    pass
try:
    1 in Neither()
except TypeError as e:
    print(type(e).__name__, e)
try:
    iter(Neither())
except TypeError as e:
    print(type(e).__name__, e)
try:
    for _ in 5:
        pass
except TypeError as e:
    print(type(e).__name__, e)
# __iter__ = None blocks the getitem fallback
class Blocked:
    __iter__ = None
    def __getitem__(self, i):
        return i
try:
    iter(Blocked())
except TypeError as e:
    print(type(e).__name__, e)
# __contains__ result converted to bool
class Truthy:
    def __contains__(self, x):
        return [1]
print(1 in Truthy())
# __iter__ must return an iterator
class BadIter:
    def __iter__(self):
        return [1, 2]
try:
    iter(BadIter())
except TypeError as e:
    print(type(e).__name__, e)
# getitem raising StopIteration also ends iteration
class StopGet:
    def __getitem__(self, i):
        if i == 2:
            raise StopIteration
        return i
print(list(StopGet()))
# a getitem raising another error propagates
class KeyGet:
    def __getitem__(self, i):
        raise KeyError(i)
try:
    list(KeyGet())
except KeyError as e:
    print(type(e).__name__, e)
