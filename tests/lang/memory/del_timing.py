# __del__ runs as soon as the last reference goes away (reference counting).
class Noisy:
    def __init__(self, name):
        self.name = name
        print('create', name)
    def __del__(self):
        print('del', self.name)
a = Noisy('a')
print('before del a')
del a
print('after del a')
b = Noisy('b1')
b = Noisy('b2')
print('b rebound')
b = None
print('b set to None')
def scope():
    local = Noisy('local')
    print('returning from scope')
scope()
print('after scope')
def returns():
    return Noisy('returned')
r = returns()
print('got', r.name)
del r
# temporary objects die at the end of the expression statement
Noisy('temp').name
print('after temp')
x = Noisy('shared')
y = x
del x
print('x deleted, y still alive')
del y
print('y deleted')
# an attribute reference keeps an object alive
class Holder:
    pass
h = Holder()
h.item = Noisy('held')
print('holder alive')
del h
print('holder gone')
# __del__ is not called twice even if called explicitly first
z = Noisy('explicit')
z.__del__()
del z
print('end')
