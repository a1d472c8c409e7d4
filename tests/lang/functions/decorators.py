# Decorators: plain, stacked, with arguments, on classes.
def shout(fn):
    def wrapper(*a, **k):
        return fn(*a, **k).upper()
    return wrapper
@shout
def hello(name):
    return 'hello ' + name
print(hello('world'), hello.__name__)
def tag(name):
    def deco(fn):
        def wrapper(*a, **k):
            return f'<{name}>{fn(*a, **k)}</{name}>'
        return wrapper
    return deco
@tag('b')
@tag('i')
def text():
    return 'styled'
print(text())
order = []
def trace(label):
    order.append('factory ' + label)
    def deco(fn):
        order.append('apply ' + label)
        return fn
    return deco
@trace('outer')
@trace('inner')
def traced():
    pass
print(order)
registry = []
def register(fn):
    registry.append(fn.__name__)
    return fn
@register
def a():
    pass
@register
def b():
    pass
print(registry)
def replace(fn):
    return 'not a function any more'
@replace
def gone():
    pass
print(gone)
def add_attr(cls):
    cls.extra = 'added'
    return cls
@add_attr
class K:
    pass
print(K.extra)
@(lambda fn: lambda: fn() * 2)
def two():
    return 21
print(two())
decos = [shout]
@decos[0]
def idx():
    return 'indexed'
print(idx())
def counting(fn):
    def wrapper(*args):
        wrapper.calls += 1
        return fn(*args)
    wrapper.calls = 0
    return wrapper
@counting
def sq(x):
    return x * x
sq(2); sq(3)
print(sq.calls)
