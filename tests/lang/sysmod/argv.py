# sys.argv holds the script path as given on the command line and no further arguments.
import sys
print(type(sys.argv).__name__, len(sys.argv))
print(sys.argv[0].endswith('argv.py'))
print(sys.argv[0] == 'tests/lang/sysmod/argv.py' or sys.argv[0].endswith('/tests/lang/sysmod/argv.py'))
sys.argv.append('extra')
print(sys.argv[1:])
