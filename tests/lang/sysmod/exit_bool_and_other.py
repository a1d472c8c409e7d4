# sys.exit with True (status 1) after catching exits with other objects.
import sys
try:
    sys.exit([1, 2])
except SystemExit as e:
    print('list code:', e.code)
try:
    raise SystemExit('a', 'b')
except SystemExit as e:
    print('two args:', e.code)
sys.exit(True)
