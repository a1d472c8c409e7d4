# re: errors raised by the parser (re.error with its position) and by _sre (TypeError,
# IndexError, ValueError), with CPython 3.11's messages.
import re
import _sre

for pat in ['(', ')', '[a', 'a**', '*a', '(?P<1>a)', '(?P=x)', r'\1', 'a{3,2}',
            '(?<=a+)b', '(?P<x>a)(?P<x>b)', '(?z)', r'\q', '[z-a]', '(?(2)a|b)', 'a{,',
            '(?', '(?P<x', '(?#', 'x' * 5 + '(', 'a\n(b']:
    try:
        re.compile(pat)
        print(repr(pat), 'ok')
    except re.error as e:
        print(repr(pat), 'error:', e, '|', e.msg, e.pos, e.lineno, e.colno)

p = re.compile(r'(a)(?P<n>b)?')
m = p.match('a')
for call in [lambda: m.group(3), lambda: m.group('x'), lambda: m.start(5), lambda: m.span('q'),
             lambda: m.group(1, 9), lambda: m[-1], lambda: m.end(1, 2), lambda: m.start(x=1),
             lambda: m.group(x=1), lambda: m.groups(1, 2), lambda: m.groupdict(d=1),
             lambda: p.match(), lambda: p.match('a', 'x'), lambda: p.match('a', 1, 2, 3),
             lambda: p.search(string='a', pos=1.5), lambda: p.match('a', endpos=2**70),
             lambda: p.findall(1), lambda: p.split('a', maxsplit='x'), lambda: p.sub('x'),
             lambda: p.sub(1, 'a'), lambda: p.subn('x', 'a', count='y'),
             lambda: p.match(string='a', bad=1), lambda: m.expand(r'\3'),
             lambda: m.expand(r'\g<zz>'), lambda: re.sub('(a)', r'\2', 'a'),
             lambda: re.sub('a', lambda m: 1, 'a'), lambda: re.sub(b'a', lambda m: 'x', b'a'),
             lambda: re.Pattern(), lambda: re.Match(), lambda: type(p.scanner(''))(),
             lambda: p.scanner(), lambda: hash(p) == hash(p), lambda: m.expand(),
             lambda: p < p]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__ + ':', e)

print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize())
print(_sre.copyright)
print(_sre.ascii_iscased(ord('a')), _sre.ascii_iscased(ord('1')), _sre.ascii_iscased(0xe9))
print(_sre.unicode_iscased(0xe9), _sre.unicode_iscased(0xdf), _sre.unicode_iscased(ord('1')))
print(_sre.ascii_tolower(ord('A')), _sre.ascii_tolower(0xc9), _sre.unicode_tolower(0xc9))
print(_sre.unicode_tolower(0x130), _sre.unicode_tolower(0x212a), _sre.unicode_iscased(0x1e9e))
for code in [[], [1, 2, 3], [17, 5, 1], [999], [14, 4, 0, 0, 0xFFFFFFFF, 1]]:
    try:
        _sre.compile('', 0, code, 0, {}, ())
        print(code, 'ok')
    except Exception as e:
        print(code, type(e).__name__ + ':', e)
for code in [[-1], [2**32], ['x']]:
    try:
        _sre.compile('', 0, code, 0, {}, ())
    except Exception as e:
        print(code, type(e).__name__ + ':', e)
p = _sre.compile(None, 0, [16, ord('a'), 1], 0, {}, ())
print(p, p.match('ab'), p.match(b'ab'), p.groupindex, p.groups)
