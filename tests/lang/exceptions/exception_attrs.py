# Exception attributes, str and repr of many built-in exceptions.
excs = [
    Exception(), Exception('one'), Exception('a', 'b'), Exception(1),
    KeyError('k'), KeyError(), KeyError('a', 'b'), KeyError(1),
    IndexError('list index out of range'),
    OSError(2, 'No such file'), OSError(2, 'No such file', 'f.txt'), OSError('plain'),
    FileNotFoundError(2, 'No such file or directory', 'x'),
    StopIteration(), StopIteration(5),
    SystemExit(), SystemExit(3), SystemExit('bye'),
    UnicodeDecodeError('utf-8', b'\xff\xfe', 0, 1, 'invalid start byte'),
    UnicodeEncodeError('ascii', 'é', 0, 1, 'ordinal not in range(128)'),
    SyntaxError('bad', ('f.py', 1, 2, 'x y', 1, 3)),
    ImportError('no mod', name='m'),
    AttributeError('attr'),
    NameError('name'),
]
for e in excs:
    print(type(e).__name__, '|', str(e), '|', repr(e), '|', e.args)
print(StopIteration(5).value, StopIteration().value)
print(SystemExit(3).code, SystemExit().code, SystemExit(1, 2).code)
o = OSError(2, 'No such file', 'f.txt')
print(o.errno, o.strerror, o.filename, type(o).__name__)
print(type(OSError(2, 'x')).__name__, type(OSError(13, 'denied')).__name__)
i = ImportError('msg', name='mod', path='p')
print(i.name, i.path, i.msg)
u = UnicodeDecodeError('utf-8', b'\xff', 0, 1, 'bad')
print(u.encoding, u.object, u.start, u.end, u.reason)
s = SyntaxError('bad', ('f.py', 1, 2, 'x y', 1, 3))
print(s.msg, s.filename, s.lineno, s.offset, repr(s.text), s.end_lineno, s.end_offset)
e = Exception('x')
e.args = ('changed', 1)
print(e, e.args)
e.custom = 5
print(e.custom)
print(BaseException.__subclasses__()[:0], issubclass(Exception, BaseException))
n = NameError('x', name='x') if False else NameError('x')
print(n.name)
a = AttributeError('y')
print(a.name, a.obj)
ee = Exception()
ee.args = 'abc'
print(ee.args)
print(str(ValueError('')), repr(ValueError('')))
print(repr(ValueError("it's")), str(KeyError("it's")))
try:
    {}['missing']
except KeyError as k:
    print(k.args, str(k))
