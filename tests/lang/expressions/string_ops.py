# Operators on strings and bytes: +, *, %, in, comparison, indexing results.
s = 'spam'
print(s + 'eggs', s * 2, 2 * s, s * 0 == '', -1 * s == '', 'am' in s, 'ma' not in s)
print(s < 'spam!', s > 'Spam', s == 'sp' + 'am', s != 'SPAM'.lower())
print('%s=%d' % ('x', 5), '%-4s|' % s, '%r' % s)
print(b'ab' + b'cd', b'x' * 3, b'b' in b'abc', b'ab' < b'b')
print(s[1] + s[-1], s[::-1] * 2, (s + ' ') * 2)
try:
    s - 'm'
except TypeError as e:
    print(type(e).__name__, e)
try:
    s * s
except TypeError as e:
    print(type(e).__name__, e)
try:
    s < 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    'a' + b'b'
except TypeError as e:
    print(type(e).__name__, e)
try:
    b'a' in 'abc'
except TypeError as e:
    print(type(e).__name__, e)
