# __enter__/__exit__ protocol details.
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print('exit', self.name, et.__name__ if et else None, ev, tb is not None)
        return self.suppress
with CM('a') as v:
    print('body', v)
with CM('b', suppress=True):
    raise ValueError('swallowed')
print('after b')
try:
    with CM('c'):
        raise KeyError('k')
except KeyError as e:
    print('caught', repr(e))
with CM('x') as x, CM('y') as y:
    print('two', x, y)
with (CM('p') as p,
      CM('q')):
    print('paren', p)
class NoEnter:
    def __exit__(self, *a):
        pass
try:
    with NoEnter():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
class NoExit:
    def __enter__(self):
        return self
try:
    with NoExit():
        print('not reached')
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
# truthy non-bool return suppresses
class Truthy:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return 'yes'
with Truthy():
    1 / 0
print('suppressed by truthy')
# __exit__ raising replaces the exception, with context
class Raiser:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        raise RuntimeError('from exit')
try:
    with Raiser():
        raise ValueError('inner')
except RuntimeError as e:
    print(type(e).__name__, e, repr(e.__context__))
# return inside with still calls __exit__
def f():
    with CM('ret'):
        return 'returned'
print(f())
# break/continue inside with
for i in range(3):
    with CM(f'loop{i}'):
        if i == 0:
            continue
        if i == 1:
            break
print('done')
# __enter__ result discarded if no as
with CM('noas') as _:
    pass
# target assignment failing
class Target:
    pass
try:
    with CM('t') as (a, b):
        pass
except ValueError as e:
    print(type(e).__name__, e)
