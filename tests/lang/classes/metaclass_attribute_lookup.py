# Attribute lookup on classes: the class MRO before the metaclass, data descriptors on the metaclass first.
class Meta(type):
    tag = 'meta tag'
    only_meta = 'from meta'
    @property
    def prop(cls):
        return 'meta property'
    def method(cls):
        return 'meta method of ' + cls.__name__
class A(metaclass=Meta):
    tag = 'class tag'
    prop = 'class attr named prop'
    def method(self):
        return 'class method'
print(A.tag, A.only_meta)
print(A.prop)
print(A.method(A()), type(A).method(A))
a = A()
print(a.tag, a.prop)
try:
    a.only_meta
except AttributeError as e:
    print(type(e).__name__, e)
# setting on the class goes to the class dict even if metaclass has attr
A.only_meta = 'now on class'
print(A.only_meta, Meta.only_meta)
try:
    A.prop = 1
except AttributeError as e:
    print(type(e).__name__, e)
