# sys.getrecursionlimit / setrecursionlimit.
import sys
old = sys.getrecursionlimit()
print(type(old).__name__, old > 50)
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
def depth(n):
    return n if n == 0 else depth(n - 1)
print(depth(1500))
sys.setrecursionlimit(500)
print(sys.getrecursionlimit())
try:
    depth(1500)
except RecursionError as e:
    print(type(e).__name__, e)
for bad in (0, -5):
    try:
        sys.setrecursionlimit(bad)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    sys.setrecursionlimit('100')
except TypeError as e:
    print(type(e).__name__, e)
try:
    sys.setrecursionlimit(2.5)
except TypeError as e:
    print(type(e).__name__, e)
sys.setrecursionlimit(old)
print(sys.getrecursionlimit() == old)
