# re: bytes patterns over bytes, bytearray and memoryview subjects; the LOCALE flag;
# str/bytes mixing errors.
import re

p = re.compile(rb'(\w+)=(\d+)')
print(p, p.pattern, p.flags)
for subject in [b'a=1, bb=22', bytearray(b'a=1, bb=22'), memoryview(b'a=1, bb=22')]:
    m = p.search(subject)
    print(type(subject).__name__, m.groups(), m.group(0), type(m.group(1)).__name__, m.span())
    print(p.findall(subject), p.sub(lambda m: m.group(2) + b'=' + m.group(1), subject))
    print(p.split(subject), p.subn(b'#', subject))
m = p.search(bytearray(b'x=5'))
print(m, m.string)
print(re.findall(rb'\w', b'a\xe9_1'), re.findall(rb'\s', b' \t\x85\xa0'), re.findall(rb'.', b'\n\x00'))
print(re.findall(rb'[\x80-\xff]+', b'ab\x80\xffcd\xfe'))
print(re.fullmatch(rb'(?i)abc', b'ABC'), re.fullmatch(rb'(?i)\xe9', b'\xc9'))
print(re.fullmatch(rb'(?L)\w+', b'abc'), re.fullmatch(rb'abc', b'ABC', re.L | re.I))
print(re.fullmatch(rb'[a-c]+', b'AbC', re.L | re.I), re.fullmatch(rb'(\w)\1', b'aA', re.L | re.I))
print(re.match(rb'\bx\b', b'x y'), re.search(rb'\Bb', b'ab'))
print(re.escape(b'\x00a.b'), re.compile(b'\xff').search(b'\xfe\xff'))
b = b'x' * 300
print(re.match(b'x+', b))
print(re.match(rb'.', b'\x80'))

for pat, subj in [('a', b'a'), (b'a', 'a'), ('a', bytearray(b'a')), (b'a', memoryview(b'a'))]:
    try:
        print(re.search(pat, subj))
    except TypeError as e:
        print('TypeError:', e)
for repl, subj in [(b'x', 'aa'), ('x', b'aa')]:
    try:
        print(re.sub('a' if isinstance(subj, str) else b'a', repl, subj))
    except TypeError as e:
        print('TypeError:', e)
for bad in [123, None, 1.5, ['a'], object]:
    try:
        re.compile(b'a').match(bad)
    except TypeError as e:
        print('TypeError:', e)
for pat, flags in [('(?L)a', 0), (b'(?u)a', 0), ('a', re.L), (b'a', re.U), ('a', re.A | re.U)]:
    try:
        re.compile(pat, flags)
    except Exception as e:
        print(type(e).__name__ + ':', e)
