# sys.exit() and sys.exit(None) and sys.exit(0) all mean success; SystemExit can be caught.
import sys
for arg in ((), (None,), (0,), (2,), ('text',)):
    try:
        sys.exit(*arg)
    except SystemExit as e:
        print(arg, repr(e.code), e.args)
try:
    sys.exit(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    sys.exit(4)
except BaseException as e:
    print(type(e).__name__, isinstance(e, Exception))
sys.exit(0)
