# re: match, search, fullmatch, findall, finditer, pos/endpos, anchors, reprs, and
# subjects of every str width (Latin-1, UCS-2, UCS-4).
import re

print(re.match(r'a+b', 'aaab'))
print(re.match(r'b', 'ab'))
print(re.search(r'b+', 'abbbc'))
print(re.fullmatch(r'a*', 'aaa'), re.fullmatch(r'a*', 'aab'))
print(re.fullmatch(r'a*?', 'aaa'))
print(re.findall(r'\d+', 'a1b22c333'))
print(re.findall(r'(\w)(\d)', 'a1 b2 c'))
print(re.findall(r'(\w)\d', 'a1 b2 c'))
print([m.span() for m in re.finditer(r'\w+', 'one two  three')])
print(re.findall(r'', 'abc'))
print(re.findall(r'x*', 'axxb'))

p = re.compile(r'\w+')
print(p, p.pattern, p.flags, p.groups, p.groupindex)
print(p.match('hello world', 6), p.match('hello world', 6, 8))
print(p.search('hello world', 3, 4), p.search('hello', 10), p.search('hello', -5))
print(p.fullmatch('hello world', 0, 5), p.fullmatch('hello world', 0, 6))
print(p.findall('ab cd ef', 1, 7))
print(re.compile('').match('abc', 2, 1))
print(re.compile('').search('abc', 2, 1))

# Anchors: ^ and \A only at the real beginning, even with pos.
print(re.compile('^b').match('ab', 1), re.compile('b').match('ab', 1))
print(re.search(r'a$', 'ba\n'), re.search(r'a\Z', 'ba\n'), re.search(r'a\Z', 'ba'))
print(re.findall(r'^\w', 'ab\ncd\nef', re.M), re.findall(r'\w$', 'ab\ncd\nef', re.M))
print(re.findall(r'\b\w', 'hi there, you'), re.findall(r'\B\w', 'hi you'))
print(re.search(r'\b', ''), re.search(r'\B', ''), re.search(r'\B', 'a'))

# Dot, DOTALL.
print(re.findall(r'.', 'a\nb'), re.findall(r'.', 'a\nb', re.S))

# Quantifiers.
print(re.match(r'a{2,3}', 'aaaa'), re.match(r'a{2,3}?', 'aaaa'), re.match(r'a{5}', 'aaaa'))
print(re.match(r'(?:ab){2}', 'ababab'), re.match(r'(?:ab){2,}?c', 'ababababc'))
print(re.match(r'a*+a', 'aaa'), re.match(r'a?+b', 'ab'), re.match(r'(?:ab)++a', 'ababa'))
print(re.match(r'(?>a+)b', 'aaab'), re.match(r'(?>a+)a', 'aaa'))

# Lookarounds.
print(re.findall(r'\w+(?=,)', 'a, bb, ccc'), re.findall(r'\w+(?!\w|,)', 'a, bb, ccc'))
print(re.findall(r'(?<=-)\w+', 'a-b -cd e'), re.findall(r'(?<!-)\b\w+', 'a-b -cd e'))
print(re.search(r'(?<=ab)c', 'xabc'), re.search(r'(?<=ab)c', 'abc', 2))

# Wider characters.
s2 = 'caf\u00e9 \u0101\u0102 \u4e2d\u6587 end'
s4 = 'x\U0001F600y \U0001F601\U0001F602 z'
print(ascii(re.findall(r'\w+', s2)), ascii(re.findall(r'\S+', s4)))
print(re.search('\u4e2d.', s2).span(), re.search('\U0001F601+', s4).span())
print(ascii(re.sub('[\u0100-\u0102]', '?', s2)), ascii(re.sub('.', '.', s4)))
print(ascii(re.match('(.)(.)', '\U0001F600\u00e9').groups()))
print(ascii(re.compile('\u00e9+').search('caf\u00e9\u00e9!')))

# Match objects.
m = re.search(r'(\d+)\.(\d+)', 'pi is 3.14159!')
print(m, bool(m), m.re, m.string, m.pos, m.endpos)
print(m.group(), m.group(0), m.group(1, 2), m[2], m.groups(), m.span(), m.start(2), m.end(1))
print(m.regs, m.lastindex, m.lastgroup)
print(re.match('x' * 100, 'x' * 100))
print(re.compile('y' * 300))
print(re.compile('a\nb', re.M | re.S | re.X), re.compile(b'a', re.I), re.compile('a', re.A))
print(re.compile('a', re.U), re.compile(b'a', re.L), re.compile('a', 1 << 10))
print(type(m).__name__, type(p).__name__, type(m), type(p))
import copy
print(copy.copy(m) is m, copy.deepcopy(p) is p)
print(re.Pattern[str], re.Match[bytes])

# Patterns compare by source, flags and code.
print(re.compile('a') == re.compile('a'), re.compile('a') == re.compile('a', re.I),
      re.compile('a') != re.compile('b'), re.compile('a') == 'a')
print(hash(re.compile('ab')) == hash(re.compile('ab')))

# The scanner.
sc = re.compile(r'\d').scanner('1a23')
print(sc.pattern, sc.match(), sc.match(), sc.search(), sc.search(), sc.search())
sc = re.compile(r'a*').scanner('aab')
print([sc.search() for _ in range(4)])
