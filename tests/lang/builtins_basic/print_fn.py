# print with sep, end and various argument counts.
print()
print('a')
print('a', 'b', 'c')
print('a', 'b', sep='')
print('a', 'b', sep=' -- ')
print('no newline', end='')
print(' <- continued')
print('x', 'y', sep='\n', end='!\n')
print(1, 2.5, None, True, [1, 'a'], (1,), {'k': 'v'}, sep='|')
print(*range(5))
print(*'abc', sep=',')
print('sep None', 'end None', sep=None, end=None)
print('', '', sep='*')
print(end='')
print('after empty print')
try:
    print('x', sep=1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print('x', end=[])
except TypeError as e:
    print(type(e).__name__, e)
class S:
    def __str__(self):
        return 'custom __str__'
print(S(), [S.__name__])
import sys
print('to stdout explicitly', file=sys.stdout)
print('flushed', flush=True)
