# Default argument values: when they are evaluated, and the mutable default pitfall.
def greet(name, greeting='Hello', punct='!'):
    return f'{greeting}, {name}{punct}'
print(greet('Ann'), greet('Bob', 'Hi'), greet('Cy', punct='?'), greet('Di', 'Yo', '.'))
def append_to(item, target=[]):
    target.append(item)
    return target
print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))
print(append_to.__defaults__)
def safe_append(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target
print(safe_append(1), safe_append(2))
counter = 10
def snapshot(v=counter):
    return v
counter = 20
print(snapshot())
log = []
def make_default(v):
    log.append(v)
    return v
def f(a=make_default('a'), b=make_default('b')):
    return a + b
print(log, f(), f(), log)
def d(x={}):
    x[len(x)] = len(x)
    return x
d(); d()
print(d())
def kw_default(*, flag=[]):
    flag.append(1)
    return len(flag)
print(kw_default(), kw_default(), kw_default.__kwdefaults__)
