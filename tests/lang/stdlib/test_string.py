# string: the constants, capwords, Template (substitute/safe_substitute, custom
# delimiters and patterns, errors) and Formatter (parse, get_field, conversions, nested
# specs, auto-numbering, subclass hooks).
import string

print(repr(string.ascii_letters), repr(string.ascii_lowercase), repr(string.ascii_uppercase))
print(repr(string.digits), repr(string.hexdigits), repr(string.octdigits))
print(repr(string.punctuation), repr(string.whitespace), repr(string.printable))
print(string.capwords(' hello   world  again '), string.capwords('a-b-c', '-'),
      string.capwords('ÉCOLE élève'), string.capwords(''))

T = string.Template
t = T('$who likes ${what} and $$ money')
print(t.substitute(who='tim', what='kung pao'), t.substitute({'who': 'a', 'what': 'b'}))
print(t.safe_substitute(who='x'), t.template, t.get_identifiers(), t.is_valid())
for bad in [lambda: t.substitute(who='x'), lambda: T('$').substitute(),
            lambda: T('${bad').substitute(), lambda: T('$1').substitute(),
            lambda: T('ok $x').substitute({'x': 1}, x=2)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
print(T('$x $y').substitute({'x': 1}, y=2), T('$$').safe_substitute(), T('$1 $').safe_substitute())
class Percent(T):
    delimiter = '%'
print(Percent('%who owes %{amt}').substitute(who='bob', amt=5))
class Idp(T):
    idpattern = r'[a-z]+_[a-z]+'
print(Idp('$foo_bar $foo').safe_substitute(foo_bar='X', foo='Y'))
print(T('$é ${ü}').safe_substitute(), T('$a$b').get_identifiers(), T('${a').is_valid())

f = string.Formatter()
print(f.format('{0} {1!r} {x:>5} {y[0]} {z.real}', 'a', 'b', x=3, y=[9], z=2 + 3j))
print(f.format('{} {} {:{}}', 1, 2, 3, 4), f.format('{0:{1}.{2}f}', 3.14159, 10, 2))
print(f.format('{!s:^7}|{!a}', 'hé', 'hé'), f.vformat('{a}-{b}', (), {'a': 1, 'b': 2}))
print(list(f.parse('a{0}b{1:x}c{!r}{{d}}')))
print(f.get_field('0.real', (5,), {}), f.get_field('k[1]', (), {'k': 'xyz'}))
for bad in ['{0} {}', '{} {0}', '{0!x}', '{', '{0[}', '{a}']:
    try:
        print(f.format(bad, 1))
    except Exception as e:
        print(type(e).__name__, e)
class Loud(string.Formatter):
    def get_value(self, key, args, kwargs):
        return str(super().get_value(key, args, kwargs)).upper()
    def convert_field(self, value, conversion):
        return '<' + super().convert_field(value, conversion) + '>' if conversion else value
    def check_unused_args(self, used_args, args, kwargs):
        print('used', sorted(map(str, used_args)))
print(Loud().format('{0} {name!r}', 'hi', name='bob', extra=1))
