# Exceptions raised in generators, properties, __del__-free contexts, and comprehensions are catchable.
def gen():
    yield 1
    raise ValueError('from gen')
try:
    for v in gen():
        print('got', v)
except ValueError as e:
    print(type(e).__name__, e)
class P:
    @property
    def bad(self):
        return {}['nokey']
try:
    P().bad
except KeyError as e:
    print(type(e).__name__, e)
try:
    [1 / x for x in (1, 0)]
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    {k: k[1] for k in ('ab', 'c')}
except IndexError as e:
    print(type(e).__name__, e)
try:
    sorted([3, 'a', 1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([1, 2], key=lambda v: 1 / (v - 1))
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    list(map(int, ['1', 'x']))
except ValueError as e:
    print(type(e).__name__, e)
try:
    dict([(1, 2), (3,)])
except ValueError as e:
    print(type(e).__name__, e)
try:
    int('12', base=40)
except ValueError as e:
    print(type(e).__name__, e)
try:
    [].pop()
except IndexError as e:
    print(type(e).__name__, e)
try:
    {}.popitem()
except KeyError as e:
    print(type(e).__name__, e)
try:
    [1, 2].index(5)
except ValueError as e:
    print(type(e).__name__, e)
try:
    'abc'.index('z')
except ValueError as e:
    print(type(e).__name__, e)
try:
    set().remove(1)
except KeyError as e:
    print(type(e).__name__, e)
try:
    x = 1
    x.foo
except AttributeError as e:
    print(type(e).__name__, e)
try:
    None.foo
except AttributeError as e:
    print(type(e).__name__, e)
try:
    'abc'.uper()
except AttributeError as e:
    print(type(e).__name__, e)
try:
    undefined_thing
except NameError as e:
    print(type(e).__name__, e)
def unbound():
    print(v)
    v = 1
try:
    unbound()
except UnboundLocalError as e:
    print(type(e).__name__, e)
try:
    (1, 2)[5]
except IndexError as e:
    print(type(e).__name__, e)
try:
    'abc'[10]
except IndexError as e:
    print(type(e).__name__, e)
try:
    range(3)[3]
except IndexError as e:
    print(type(e).__name__, e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(type(e).__name__, e)
try:
    a, b, c = 1, 2
except ValueError as e:
    print(type(e).__name__, e)
try:
    a, b = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    1 % 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    1 // 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    2.0 ** 10000
except OverflowError as e:
    print(type(e).__name__, e)
try:
    chr(-1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    int(None)
except TypeError as e:
    print(type(e).__name__, e)
