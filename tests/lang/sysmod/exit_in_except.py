# sys.exit inside an except block: no traceback, the chained context is not printed, status 2.
import sys
try:
    {}['missing']
except KeyError:
    print('handling KeyError, exiting')
    sys.exit(2)
