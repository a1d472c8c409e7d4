# Class decorators: applied bottom-up, can replace the class.
def add_greet(cls):
    cls.greet = lambda self: f'hello from {type(self).__name__}'
    return cls
def register(tag):
    def deco(cls):
        print('register', tag, cls.__name__)
        cls.tag = tag
        return cls
    return deco
def trace(cls):
    print('trace', cls.__name__)
    return cls
@trace
@register('t1')
@add_greet
class A:
    pass
print(A().greet(), A.tag)
def replace(cls):
    return 'replaced ' + cls.__name__
@replace
class B:
    pass
print(B)
# decorator evaluation order: decorator expressions first, top-down
def make(n):
    print('make', n)
    def d(c):
        print('apply', n)
        return c
    return d
@make(1)
@make(2)
class C:
    print('body')
# decorator wrapping into a subclass
def counted(cls):
    class Counted(cls):
        instances = 0
        def __init__(self, *a):
            super().__init__(*a)
            Counted.instances += 1
    Counted.__name__ = cls.__name__
    return Counted
@counted
class D:
    def __init__(self, v):
        self.v = v
D(1); D(2)
print(D.instances, D.__name__, D(3).v)
