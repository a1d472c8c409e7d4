# __repr__, __str__, __format__ and how print/str/repr/f-strings/format use them.
class P:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return f'P({self.x!r})'
    def __str__(self):
        return f'<{self.x}>'
    def __format__(self, spec):
        return f'P formatted with {spec!r}'
p = P('a')
print(p)
print(str(p), repr(p))
print(f'{p}', f'{p!r}', f'{p!s}', f'{p:>10}', f'{p!r:>10}')
print(format(p), format(p, 'xyz'))
print([p], (p,), {'k': p})
print('%s %r' % (p, p))
print('{} {!r} {:spec}'.format(p, p, p))
class OnlyRepr:
    def __repr__(self):
        return 'OnlyRepr!'
print(OnlyRepr(), str(OnlyRepr()), f'{OnlyRepr()}')
class BadRepr:
    def __repr__(self):
        return 5
try:
    repr(BadRepr())
except TypeError as e:
    print(type(e).__name__, e)
class BadStr:
    def __str__(self):
        return None
try:
    str(BadStr())
except TypeError as e:
    print(type(e).__name__, e)
class BadFormat:
    def __format__(self, spec):
        return 1
try:
    format(BadFormat(), '')
except TypeError as e:
    print(type(e).__name__, e)
try:
    f'{BadFormat()}'
except TypeError as e:
    print(type(e).__name__, e)
class StrSub(str):
    pass
class ReturnsSub:
    def __str__(self):
        return StrSub('sub')
print(type(str(ReturnsSub())).__name__, str(ReturnsSub()))
# recursive repr of containers containing themselves
l = [1]
l.append(l)
print(l)
d = {}
d['self'] = d
print(d)
# __repr__ raising propagates
class Raises:
    def __repr__(self):
        raise ValueError('no repr')
try:
    print([Raises()])
except ValueError as e:
    print(type(e).__name__, e)
print(ascii('é'), ascii(P('é')), repr('é'))
# format of builtins through __format__
print(format(3.14159, '.2f'), format(255, 'x'), format('s', '^5'), format(True, 'd'))
print(f'{12345:,}', f'{0.5:%}', f'{"abc"!r:>8}')
