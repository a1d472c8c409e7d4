# Unary -, +, ~, not.
print(-5, +5, ~5, ~-1, ~0, -0, not 5)
print(-(-5), ~~5, - -True, +True, ~True, ~False, -False)
print(-2.5, +2.5, -(1 + 2j), +(1 - 2j))
print(-(2 ** 100), ~(2 ** 100), ~-(2 ** 100))
print(not None, not 0.0, not -0.0, not 0j, not 'x', not b'', not ())
try:
    print(~1.5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print(-'a')
except TypeError as e:
    print(type(e).__name__, e)
try:
    print(+[1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    print(~None)
except TypeError as e:
    print(type(e).__name__, e)
class N:
    def __neg__(self):
        return 'neg'
    def __pos__(self):
        return 'pos'
    def __invert__(self):
        return 'inv'
print(-N(), +N(), ~N(), not N())
