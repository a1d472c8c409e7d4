# Matching on built-in types, including the special self-matching built-ins.
def kind(v):
    match v:
        case bool(b):
            return f'bool {b}'
        case int(0):
            return 'int zero'
        case int(i):
            return f'int {i}'
        case float(f) if f != f:
            return 'nan'
        case float(f):
            return f'float {f}'
        case str('') | bytes(b''):
            return 'empty text'
        case str(s):
            return f'str of len {len(s)}'
        case bytearray(ba):
            return f'bytearray {bytes(ba)!r}'
        case frozenset(fs) | set(fs):
            return f'set-like of {len(fs)}'
        case tuple(()):
            return 'empty tuple'
        case list(l) | tuple(l):
            return f'{type(l).__name__} {l}'
        case dict({'k': v}):
            return f'dict with k={v}'
        case dict():
            return 'other dict'
        case None:
            return 'None'
        case _:
            return type(v).__name__
for v in [True, 0, 5, float('nan'), 0.5, '', b'', 'abc', bytearray(b'q'), {1, 2}, frozenset(),
          (), (1,), [2, 3], {'k': 9}, {}, None, range(2), 1j]:
    print(repr(v), '->', kind(v))
