# __init_subclass__ hooks with keyword arguments.
class Plugin:
    registry = []
    def __init_subclass__(cls, name=None, **kw):
        super().__init_subclass__(**kw)
        print('registering', cls.__name__, name)
        Plugin.registry.append(name or cls.__name__.lower())
class A(Plugin): pass
class B(Plugin, name='bee'): pass
class C(B): pass
print(Plugin.registry)
try:
    class D(Plugin, bogus=1): pass
except TypeError as e:
    print(type(e).__name__, e)
class NoHook: pass
try:
    class E(NoHook, extra=1): pass
except TypeError as e:
    print(type(e).__name__, e)
# implicit classmethod
print(type(Plugin.__dict__['__init_subclass__']).__name__)
# called on the parent's hook, not the class's own
class Own:
    def __init_subclass__(cls):
        print('Own hook for', cls.__name__)
class Child(Own):
    def __init_subclass__(cls):
        print('Child hook for', cls.__name__)
class Grand(Child): pass
# class attributes already exist when the hook runs
class Check:
    def __init_subclass__(cls):
        print(cls.__name__, 'has x =', cls.__dict__.get('x'))
class W(Check):
    x = 42
