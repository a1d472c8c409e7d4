# Runaway recursion raises RecursionError; print its message instead of the long traceback.
import sys
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print(type(e).__name__, e)
print(isinstance(RecursionError(), RuntimeError))
# mutual recursion
def ping(n):
    return pong(n + 1)
def pong(n):
    return ping(n + 1)
try:
    ping(0)
except RecursionError as e:
    print(type(e).__name__, e)
# the interpreter recovers after the error
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(100))
# the limit can be raised again after a RecursionError
limit = sys.getrecursionlimit()
sys.setrecursionlimit(limit + 100)
print(depth(500))
sys.setrecursionlimit(limit)
