# sys.exit from deep inside nested calls and with-blocks unwinds everything cleanly.
import sys
class CM:
    def __enter__(self):
        print('enter')
    def __exit__(self, et, ev, tb):
        print('exit with', et.__name__, ev.code)
        return False
def deep(n):
    if n == 0:
        with CM():
            sys.exit(42)
    try:
        deep(n - 1)
    finally:
        print('unwinding', n)
deep(3)
