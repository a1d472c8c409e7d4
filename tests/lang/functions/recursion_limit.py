# Unbounded recursion raises RecursionError, which can be caught.
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print(type(e).__name__, e)
def count_depth(n=0):
    try:
        return count_depth(n + 1)
    except RecursionError:
        return n
print(count_depth() > 100)
print(issubclass(RecursionError, RuntimeError))
