# with statement control flow, with simple context managers.
class CM:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow
    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print('exit', self.name, et.__name__ if et else None, ev)
        return self.swallow
with CM('a') as v:
    print('body', v)
with CM('b'), CM('c') as w:
    print('body2', w)
with CM('d', swallow=True):
    raise ValueError('suppressed')
print('after suppressed')
try:
    with CM('e'):
        raise KeyError('propagates')
except KeyError as e:
    print('caught', repr(e))
def f():
    with CM('f'):
        return 'returned'
print(f())
for i in range(3):
    with CM('loop%d' % i):
        if i == 1:
            break
with (CM('p1') as p1, CM('p2') as p2):
    print(p1, p2)
try:
    with 5:
        pass
except TypeError as e:
    print(type(e).__name__, e)
