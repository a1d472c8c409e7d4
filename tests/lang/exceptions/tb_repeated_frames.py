# Identical consecutive traceback entries are collapsed into "[Previous line repeated N more times]".
def countdown(n):
    if n == 0:
        raise ValueError('bottom reached')
    return countdown(n - 1)
def a(n):
    return b(n)
def b(n):
    if n == 0:
        return {}['x']
    return a(n - 1)
try:
    a(5)
except KeyError as e:
    print('alternating frames are not collapsed:', repr(e))
countdown(12)
