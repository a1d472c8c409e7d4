# Overriding properties and descriptors in subclasses.
class Base:
    def __init__(self):
        self._v = 1
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, x):
        print('Base setter', x)
        self._v = x
class Child(Base):
    @Base.v.getter
    def v(self):
        return self._v * 10
c = Child()
c.v = 5
print(c.v)
class ReadOnly(Base):
    @property
    def v(self):
        return 'ro'
r = ReadOnly()
print(r.v)
try:
    r.v = 3
except AttributeError as e:
    print(type(e).__name__, e)
# class attribute shadows inherited property
class Plain(Base):
    v = 'plain class attr'
p = Plain()
print(p.v)
p.v = 'inst'
print(p.v)
# property in metaclass vs class
class Meta(type):
    @property
    def info(cls):
        return 'meta info for ' + cls.__name__
class K(metaclass=Meta):
    pass
print(K.info)
try:
    K().info
except AttributeError as e:
    print(type(e).__name__, e)
# properties are in the class dict, instance assignment blocked
print('v' in vars(c), 'v' in Base.__dict__, 'v' in Child.__dict__)
