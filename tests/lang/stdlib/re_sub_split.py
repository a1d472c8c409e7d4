# re: sub and subn (literal, template and callable replacements, count, empty matches),
# split (maxsplit, captured separators, empty matches), escape.
import re

print(re.sub(r'\d', '#', 'a1b22c'), re.subn(r'\d', '#', 'a1b22c'))
print(re.sub(r'\d', '#', 'a1b22c', count=2), re.sub(r'\d', '#', 'a1b22c', 0))
print(re.sub(r'(\w)(\d)', r'\2\1', 'a1 b2'), re.sub(r'(?P<w>\w)', r'<\g<w>\g<0>>', 'ab'))
print(repr(re.sub(r'x', r'\n\t\\', 'axb')), repr(re.sub(r'x', '\x41', 'x')))
try:
    re.sub(r'x', '\\x41', 'x')
except re.error as e:
    print('error:', e)
print(re.sub(r'(a)|b', r'[\1]', 'ab'), re.sub(r'a', lambda m: m.group().upper(), 'banana'))
print(re.sub(r'\w+', lambda m: str(len(m.group())), 'one three fifteen'))
print(re.sub(r'a', lambda m: None if m.start() else 'A', 'aaa') if False else '')
print(re.sub('', '-', 'abc'), re.sub('x*', '-', 'abxd'), re.sub('(?=b)', '^', 'abab'))
print(re.subn('a|', '.', 'bab'), re.sub('$', '!', 'a\nb\n'), re.sub('(?m)$', '!', 'a\nb\n'))
print(re.sub('a', 'b', ''), re.subn('a', 'b', 'xyz'), re.sub('b', 'a', 'b'))
print(re.compile('o').sub('0', 'foo boo', 3), re.compile('o').subn('0', 'foo', count=1))
print(re.sub(r'a', r'\g<0>\g<0>', 'aba'), re.sub(r'(a)', r'\1\1', 'aba'))
print(re.sub(r'(a)(b)?', lambda m: repr(m.groups()), 'aab'))
print(re.sub(r'\s+', ' ', '  lots   of\n\tspace  ').strip())
print(re.sub('a', '\u00e9', 'banana'), ascii(re.sub('n', '\U0001F600', 'banana')))
print(re.sub('\u00e9', 'e', 'caf\u00e9 \u00e9t\u00e9'))
print(re.sub(b'a', b'o', b'banana'), re.subn(rb'(a)', rb'[\1]', b'aa'))
print(re.sub(b'a', lambda m: b'<' + m.group() + b'>', bytearray(b'xax')))
print(re.sub(r'a', 'b', 'a' * 20, count=-1))

# Replacement callables see the right match objects.
seen = []
def f(m):
    seen.append((m.span(), m.group(), m.pos, m.endpos, m.lastindex))
    return '_'
print(re.sub(r'(b)|c', f, 'abcbd'), seen)

print(re.split(r',', 'a,b,,c'), re.split(r',', 'a,b,,c', maxsplit=1), re.split(r',', 'abc'))
print(re.split(r'(,)', 'a,b'), re.split(r'(,)|(;)', 'a,b;c'), re.split(r'\s*', 'a b  c'))
print(re.split(r'', 'abc'), re.split(r'x*', 'axbc'), re.split(r'\b', 'hi there'))
print(re.split(r'(?=b)', 'abab'), re.split(',', ''), re.split('a', 'a'))
print(re.split(r'[,;]', 'a,b;c', 5), re.split(r'[,;]', 'a,b;c', -1))
print(re.split(b'-', b'x-y-z'), re.split(rb'(-)', bytearray(b'x-y')))

print(re.escape('a.b*c?d e\n'), re.escape(b'a.b'), re.escape('\u00e9-\U0001F600'))
