# String indexing, iteration and comparison details.
s = 'Python'
print(s[0], s[5], s[-1], s[-6], [c for c in s], list(enumerate(s))[:2])
print(s.index('t'), 'y' in s, s * 2, s < 'python', s.lower() == 'python', len(s * 0))
print(min(s), max(s), sorted(s), ''.join(sorted(s, reverse=True)))
try:
    s[6]
except IndexError as e:
    print(type(e).__name__, e)
try:
    s[-7]
except IndexError as e:
    print(type(e).__name__, e)
try:
    s['0']
except TypeError as e:
    print(type(e).__name__, e)
print(type(s[0]).__name__, s[0] == 'P', s[0:1] == s[0], s[100:] == '')
print('abc' == 'abc', 'a' * 3 == 'aaa', 'ab' < 'abc' < 'abd' < 'b')
