# sys.exit(3): exit status 3, nothing on stderr, finally blocks run first.
import sys
print('about to exit')
try:
    sys.exit(3)
finally:
    print('finally before exit')
print('not reached')
