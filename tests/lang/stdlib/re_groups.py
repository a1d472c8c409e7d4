# re: groups, named groups, groupdict, lastindex/lastgroup, regs, expand, back references,
# conditional groups, and groups inside repeats (which keep the last iteration).
import re

m = re.match(r'(?P<first>\w+) (?P<last>\w+)(?P<extra> \w+)?', 'Jane Doe')
print(m.groups(), m.groups('-'), m.groupdict(), m.groupdict(default=0))
print(m['first'], m.group('last', 1), m.span('last'), m.start('extra'), m.end('extra'))
print(m.lastindex, m.lastgroup, m.regs)
print(m.expand(r'\g<last>, \g<first>\g<extra>!'), m.expand(r'\2 \1 \\ \n'))
print(m.re.groupindex, dict(m.re.groupindex), m.re.groups)

print(re.match(r'(a)|(b)', 'b').groups(), re.match(r'(a)|(b)', 'b').lastindex)
print(re.match(r'(a)(b)?', 'a').lastindex, re.match(r'((a)b)', 'ab').lastindex)
print(re.match(r'(?P<o>(?P<i>a)b)', 'ab').lastgroup, re.match(r'(a)(?P<n>b)', 'ab').lastgroup)
print(re.match(r'(?:(a)|b)*', 'ab').groups(), re.match(r'(?:(a)|b)*', 'ba').groups())
print(re.match(r'(a|b)*', 'abba').group(1), re.match(r'(a*)*', 'aaa').groups())
print(re.match(r'(a*)+', 'aaa').groups(), re.match(r'(a|)+b', 'aab').groups())
print(re.match(r'((a)|b)+', 'ab').groups(), re.match(r'((a)|b)+?c', 'abc').groups())
print(re.match(r'(?:(a)|(b))+', 'ab').groups(), re.match(r'(?:(a)|(b))+', 'ba').groups())
print(re.match(r'(a)??b', 'ab').groups(), re.match(r'(a){0}b', 'b').groups())
print(re.match(r'(?:(\d)x)*?y', '1x2xy').groups(), re.match(r'(\w)*+!', 'abc!').groups())

# Back references.
print(re.search(r'(\w)\1', 'abccd'), re.search(r'(?P<c>\w)(?P=c)', 'xyzzy'))
print(re.match(r'(a)?\1', 'b'), re.match(r'(a|b)*\1', 'abb').span())
print(re.search(r'(?i)(a)\1', 'xaA'), re.search(r'(\w+) \1', 'hello hello world'))
print(re.findall(r'(\w)(?=\1)', 'aabbcdd'))

# Conditional groups.
for s in ['<a>', 'a', '<a', 'a>']:
    print(s, re.fullmatch(r'(<)?a(?(1)>)', s))
print(re.match(r'(?P<q>")?\w+(?(q)"|!)', '"x"'), re.match(r'(?P<q>")?\w+(?(q)"|!)', 'x!'))

# Group lookups.
m = re.match(r'(a)(?P<b>b)', 'ab')
for g in [0, 1, 2, 'b', True, -1, 3, 'zz', 2.0, None]:
    try:
        print(repr(g), m.group(g), m.span(g))
    except (IndexError, TypeError) as e:
        print(repr(g), type(e).__name__, e)
try:
    m[[1]]
except Exception as e:
    print(type(e).__name__, e)
try:
    re.match('(a)', 'a')[[1]]
except Exception as e:
    print(type(e).__name__, e)
class Idx:
    def __index__(self):
        return 1
print(m.group(Idx()), m.start(Idx()), m[Idx()])

# Many groups.
pat = ''.join('(%s)' % chr(97 + i % 26) for i in range(120))
s = ''.join(chr(97 + i % 26) for i in range(120))
m = re.match(pat, s)
print(m.lastindex, m.group(120), len(m.groups()), m.span(77))
names = re.match('(?P<n1>a)(?P<n2>b)(?P<n3>c)?', 'ab')
print(sorted(names.groupdict().items(), key=str))
