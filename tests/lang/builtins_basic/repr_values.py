# repr() of common values.
values = [0, -1, 10 ** 25, 1.0, -0.5, 1e100, 1e-10, float('inf'), float('nan'), 1j, 1 + 0j,
          'plain', "it's", 'say "x"', 'both \' "', 'new\nline', '\t\x00\x7f', 'é', '\\',
          b'bytes', b"it's", b'\x00\xff', True, False, None, ..., NotImplemented,
          [], [1, [2, []]], (), (1,), (1, 2), {}, {'a': [1, {'b': ()}]}, set(), {1}, frozenset(),
          frozenset({2}), range(3), range(1, 9, 2), slice(1, 2), slice(None), bytearray(b'ba'),
          int, ValueError, ValueError('msg'), KeyError('k'), Exception('a', 2), Exception(),
          len, type(None)]
for v in values:
    print(repr(v))
l = [1]
l.append(l)
print(repr(l))
d = {}
d['self'] = d
print(repr(d))
class R:
    def __repr__(self):
        return 'R()'
print(repr(R()), [R()], {'r': R()}, (R(),), str(R()))
