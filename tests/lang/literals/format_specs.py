# Format specification mini-language via format() and f-strings.
print(format(42, 'd'), format(42, '5d'), format(42, '<5d') + '|', format(42, '^6') + '|')
print(format(-42, '+d'), format(42, '+d'), format(42, ' d'), format(-42, ' d'), format(42, '=+6'))
print(format(42, '06d'), format(-42, '06d'), format(42, 'x'), format(42, '#x'), format(42, '#o'), format(42, '#b'))
print(format(255, 'X'), format(255, '#X'), format(1234567, ','), format(1234567, '_'), format(0xFFFFFF, '_x'))
print(format(65, 'c'), format(10 ** 20, ','))
print(format(3.14159, '.2f'), format(3.14159, '8.3f'), format(3.14159, '<8.1f') + '|', format(-3.5, '+.0f'))
print(format(1234.5678, 'e'), format(1234.5678, '.2E'), format(1234.5678, 'g'), format(0.00001234, 'g'))
print(format(0.5, '%'), format(0.125, '.1%'), format(1e20, 'g'), format(1e20, 'f'), format(123.0, 'g'))
print(format(1234567.891, ',.2f'), format(2.5, ''), format(2.5, '10') + '|', format(1.0, '.0f'), format(2.5, '.0f'))
print(format(float('inf'), 'f'), format(float('nan'), '.2f'), format(-0.0, '.1f'), format(1e-10, 'F'))
print(format('abc', '10') + '|', format('abc', '>10'), format('abc', '^9') + '|', format('abc', '*<6'))
print(format('abcdef', '.3'), format('abcdef', '>8.2'), format('', '3') + '|')
print(format(True, ''), format(True, 'd'), format(True, '>5'), format(None, ''))
print(format(3 + 4j, ''), format(3 + 4j, '.1f'), format(12, '#010x'), format(-12, '#010b'))
print(format(1.5, '#.0f'), format(100, '.2e'), format(42, '.2f'))
print('{:>8}|{:<8}|{:^8}'.format('r', 'l', 'c'))
print('{0} {1} {0}'.format('a', 'b'), '{x}-{y}'.format(x=1, y=2), '{0[1]} {1[k]}'.format([9, 8], {'k': 'v'}))
print('{!r} {!s:>5}'.format('q', 'w'), '{:{}}'.format(7, 4) + '|', '{{}} {}'.format(1))
for spec in ['z', '.2s', ',s', 'c']:
    try:
        print(format(3.5 if spec != ',s' else 'str', spec))
    except ValueError as e:
        print(type(e).__name__, e)
try:
    print(format('s', 'd'))
except ValueError as e:
    print(type(e).__name__, e)
try:
    print('{} {}'.format(1))
except IndexError as e:
    print(type(e).__name__, e)
try:
    print('{a}'.format(b=1))
except KeyError as e:
    print(type(e).__name__, e)
