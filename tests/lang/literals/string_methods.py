# Common str methods.
s = '  Hello, World  '
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr('xxhixx'.strip('x')))
print(s.lower(), s.upper(), 'hello world'.title(), 'hELLO'.swapcase(), 'hello'.capitalize())
print('a,b,,c'.split(','), 'a b  c'.split(), 'a b c'.split(None, 1), 'a,b,c'.rsplit(',', 1), ''.split(','))
print('l1\nl2\r\nl3'.splitlines(), 'l1\nl2\n'.splitlines(True))
print('hello'.find('l'), 'hello'.rfind('l'), 'hello'.find('z'), 'hello'.index('e'), 'hello'.count('l'))
print('hello'.replace('l', 'L'), 'hello'.replace('l', 'L', 1), 'aaa'.replace('', '-'))
print('hello'.startswith('he'), 'hello'.endswith(('x', 'lo')), 'hello'.startswith('l', 2))
print('abc'.isalpha(), '123'.isdigit(), 'a1'.isalnum(), '   '.isspace(), 'Ab'.isupper(), 'ab'.islower(), 'x'.isidentifier())
print('42'.zfill(5), '-42'.zfill(5), 'ab'.center(6, '*'), 'ab'.ljust(4, '.'), 'ab'.rjust(4))
print('a-b-c'.partition('-'), 'a-b-c'.rpartition('-'), 'abc'.partition('x'))
print('abc'[::-1], 'abcdef'[1:4], 'abcdef'[-2:], 'abcdef'[::2], 'abc'[5:], 'abc'[-100:2])
print('prefix_name'.removeprefix('prefix_'), 'file.txt'.removesuffix('.txt'))
print('tab\tsep'.expandtabs(4), 'ß'.upper(), 'İ'.lower() == 'i̇', 'ǅ'.lower())
try:
    'hello'.index('z')
except ValueError as e:
    print(type(e).__name__, e)
try:
    'abc'[5]
except IndexError as e:
    print(type(e).__name__, e)
try:
    'abc'[0] = 'x'
except TypeError as e:
    print(type(e).__name__, e)
