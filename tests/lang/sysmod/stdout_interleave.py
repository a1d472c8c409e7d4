# Many small writes to stdout and stderr; each stream's content is compared separately.
import sys
for i in range(5):
    print('out', i)
    print('err', i, file=sys.stderr)
sys.stdout.write(''.join(str(i) for i in range(10)) + '\n')
print('x' * 200)
lines = ['line %d' % i for i in range(50)]
print('\n'.join(lines))
sys.stderr.write('done\n')
