# printf-style % formatting of str.
print('%s and %r' % ('str', 'repr'), '%d%%' % 50, '%5d|%-5d|' % (3, 4), '%05d' % -42)
print('%x %X %o %#x %#o' % (255, 255, 8, 255, 8), '%e' % 12345.678, '%.3g' % 0.0001234)
print('%.2f' % 3.14159, '%10.3f|' % 2.5, '%-10s|' % 'hi', '%c%c' % (72, 'i'))
print('%(name)s is %(age)d' % {'name': 'Ann', 'age': 30}, '%s' % [1, 2], '%s' % (1,))
print('%*d|' % (6, 7), '%.*f' % (2, 1.23456), '%+d %+d' % (1, -1), '% d' % 5)
print('%i %u' % (3.9, 7), '%s' % None, '%a' % 'é')
print(b'%s-%d' % (b'x', 5), b'%x' % 255)
for fmt, args in [('%d', 'x'), ('%s %s', (1,)), ('%s', (1, 2)), ('%z', 1), ('%(k)s', 1)]:
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
