# A non-integer, non-None exit code is printed to stderr with str() and the status is 1.
import sys
class Code:
    def __str__(self):
        return 'custom exit object'
sys.exit(Code())
