# String concatenation, repetition, join and building.
a = 'foo'
b = 'bar'
print(a + b, a + '' + b, '' + '', a * 2 + b, (a + b) * 2)
s = ''
for ch in 'abc':
    s += ch * 2
print(s, len(s))
print('-'.join(['x', 'y', 'z']), ''.join([]), ','.join('abc'), ' '.join(str(i) for i in range(5)))
parts = []
for i in range(3):
    parts.append(f'<{i}>')
print(''.join(parts))
print('con' 'cat', 'en' + 'ation')
t = 'x'
u = t
t += 'y'
print(t, u)
try:
    ''.join(['a', 1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    'a' + None
except TypeError as e:
    print(type(e).__name__, e)
print(str(1) + str(2.5) + str(None) + str([1]) + str(True))
