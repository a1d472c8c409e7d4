# _string, the parser under string.Formatter: formatter_parser and
# formatter_field_name_split, their parts and their ValueErrors.
import _string
def t(f, *a):
    try:
        r = f(*a)
        print(repr(list(r)) if not isinstance(r, tuple) else (r[0], list(r[1])))
    except Exception as e:
        print(type(e).__name__, e)
for s in ['', 'abc', '{}', '{0}', 'a{b}c', '{{', '}}', 'a{{b}}c', '{', '}', 'a}b', 'a{', '{0!r}', '{0!r:>5}', '{0:{1}}', '{0:{1}', '{0!', '{0!r', '{0!rx}', '{a[}]}', '{a[x]', '{a{b}', '{:}', '{!s}', '{0.x[1]:3}', 'x{0}y{1}z', 'é{ü:ñ}€', '{a:b!c}', '{0}}', '{{0}}', '{[}', 'abc{', '{0:}}', '{x!}', '{x:{{}}}']:
    print(repr(s), end=' '); t(_string.formatter_parser, s)
for s in ['', 'a', '0', '12', 'a.b', 'a[0]', 'a[x].y[2][z]', '0.x', 'a.', 'a[]', 'a[', 'a]b', 'a[0]b', 'a..b', '.a', '[1]', '٣', 'a[٣]', '99999999999999999999', 'a[99999999999999999999]', 'a[0x]', 'a.b.c']:
    print(repr(s), end=' '); t(_string.formatter_field_name_split, s)
t(_string.formatter_parser, 1)
t(_string.formatter_field_name_split, None)
print(type(_string.formatter_parser('')).__name__, type(_string.formatter_field_name_split('')[1]).__name__)
it = _string.formatter_parser('a{')
print(next(it) if False else 'lazy ok')
