# re: flags (IGNORECASE, MULTILINE, DOTALL, ASCII, VERBOSE, inline and scoped flags) and
# Unicode: categories of \d \w \s beyond ASCII, case-insensitive matching of non-ASCII.
import re

print(re.findall(r'a', 'aAbA', re.I), re.findall(r'(?i)ab', 'AB aB Ab'))
print(re.match(r'(?i:a)b', 'Ab'), re.match(r'(?i:a)b', 'AB'), re.match(r'a(?-i:b)', 'AB', re.I))
print(re.findall(r'[^b]', 'aBbc', re.I), re.findall(r'[bc]', 'ABC', re.I))
print(re.findall(r'\w+', 'caf\u00e9 na\u00efve'), re.findall(r'\w+', 'caf\u00e9 na\u00efve', re.A))
print(re.findall(r'(?a)\w+', '\u00e9t\u00e9 ok'), re.findall(r'\d', '1\u0663\u0966x'))
print(re.findall(r'\d', '1\u0663\u0966x', re.A), re.findall(r'\D+', '1\u0663x'))
print(re.findall(r'\s+', 'a\u00a0b\u2003c\u3000d e'), re.findall(r'\s+', 'a\u00a0b c', re.A))
print(ascii(re.findall(r'\S+', 'a\u00a0b\u2028c')))
print(re.findall(r'\bx', 'x \u00e9x _x'), re.findall(r'\bx', 'x \u00e9x', re.A))
print(re.fullmatch('\u00e9', '\u00c9', re.I), re.fullmatch('\u0101', '\u0100', re.I))
print(ascii(re.fullmatch('\u03c3', '\u03a3', re.I)), ascii(re.fullmatch('\u03c3', '\u03c2', re.I)))
print(re.fullmatch('s', '\u017f', re.I), re.fullmatch('k', '\u212a', re.I))
print(re.fullmatch('s', '\u017f', re.I | re.A), re.fullmatch('\u00df', '\u1e9e', re.I))
print(re.fullmatch('i', '\u0130', re.I), re.fullmatch('\u0130', 'i', re.I))
print(re.fullmatch('[\u00e0-\u00e5]+', '\u00c0\u00e1\u00c5', re.I))
print(re.fullmatch('[\U00010400]', '\U00010428', re.I), re.fullmatch('\U00010428', '\U00010400', re.I))
print(re.fullmatch(r'(\w)\1', '\u00e9\u00c9', re.I), re.fullmatch(r'(\w)\1', 'aA', re.I | re.A))
print(re.fullmatch(r'[^x]', 'X', re.I), re.fullmatch(r'[^\u00e9]', '\u00c9', re.I))
print(re.search(r'^b$', 'a\nb\nc', re.M).span(), re.search(r'^b$', 'a\nb\nc'))
print(re.search(r'a.c', 'a\nc', re.S).span(), re.search(r'(?s)a.c', 'a\nc').span())
print(re.search(r'(?s:a.)c', 'a\nc').span(), re.search(r'a(?s:.)c', 'a\nc'))
v = re.compile(r'''
    (?P<int> \d+ )      # digits
    \s* \#? \s*         # an escaped hash
    (?P<word> [a-z]+ )  # letters
''', re.X)
print(v.match('42 # abc').groupdict(), v.flags & re.X == re.X)
print(re.compile('(?i)a').flags, re.compile('(?ms)a').flags, re.compile(b'(?i)a').flags)
print(re.I, re.M | re.S, re.A | re.I, re.compile('a', re.I | re.M))
print(ascii(re.findall(r'\W+', 'a, \u00e9!\U0001F600 b')))
print(re.fullmatch(r'[\w\-]+', 'a-\u00e9_1'), re.fullmatch(r'[\d\s]+', '1 \u0663'))
print(re.fullmatch(r'[^\W\d]+', 'ab\u00e9'), re.fullmatch(r'[^\W\d]+', 'ab1'))
print(re.findall(r'[\u0100-\u0180]+', 'a\u0101\u0102b\u0170'), re.findall('[^\u4e00]', '\u4e00x'))
print(re.findall('[\U0001F600-\U0001F64F]', 'a\U0001F600b\U0001F64Fc\U0001F650'))
