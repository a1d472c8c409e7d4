# sys.stdout.write, print(file=sys.stderr), print options; stdout and stderr are stored separately.
import sys
n = sys.stdout.write('written directly\n')
print(n)
sys.stdout.write('no newline;')
sys.stdout.write(' continued\n')
print('to stderr', file=sys.stderr)
sys.stderr.write('stderr write\n')
print('a', 'b', 'c', sep='-', end='!\n')
print('x', 'y', sep='')
print(end='')
print()
print('multi\nline')
print(1, 2.5, None, True, [1, 'a'], file=sys.stdout)
print('flushed', flush=True)
print(*['unpacked', 'args'])
print('unicode: é ü 漢字 🙂')
try:
    sys.stdout.write(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print('x', sep=5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print('x', file=5)
except AttributeError as e:
    print(type(e).__name__, e)
class Collector:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
c = Collector()
print('to', 'collector', file=c)
print(c.parts)
saved = sys.stdout
sys.stdout = c
print('redirected')
sys.stdout = saved
print(c.parts[-2:])
print(sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__)
print('last line on stderr', file=sys.stderr)
