# dir() and __dir__.
class D:
    def __dir__(self):
        return ['zeta', 'alpha', 'mid']
print(dir(D()))
class T:
    def __dir__(self):
        return ('b', 'a')
print(dir(T()))
class Bad:
    def __dir__(self):
        return 5
try:
    dir(Bad())
except TypeError as e:
    print(type(e).__name__, e)
class Plain:
    x = 1
    def m(self):
        pass
p = Plain()
p.y = 2
print([n for n in dir(p) if not n.startswith('__')])
print([n for n in dir(Plain) if not n.startswith('__')])
print('__init__' in dir(p), '__class__' in dir(p))
class Sub(Plain):
    z = 3
print([n for n in dir(Sub) if not n.startswith('__')])
def f():
    a = 1
    b = 2
    return dir()
print(f())
