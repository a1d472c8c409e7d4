# f-string conversions !s !r !a on various values.
vals = ['text', 'quote\'s', 'tab\t', 'ünï', 3, 2.5, None, [1, 'x'], b'by', ('t',)]
for v in vals:
    print(f'{v!s}|{v!r}|{v!a}')
class C:
    def __str__(self):
        return 'str-form'
    def __repr__(self):
        return 'repr-form'
print(f'{C()} {C()!s} {C()!r} {C()!a}')
print(f'{"abc"!r:>10}|', f'{"é"!a:<8}|')
