# Chained comparisons: semantics and single evaluation of middle operands.
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 == 1 != 2)
print(1 < 2 > 0, 1 < 2 > 3, 0 <= 0 < 1 <= 1)
x = 5
print(0 < x < 10, 10 < x < 20, x == 5 < 6)
calls = []
def f(v):
    calls.append(v)
    return v
print(f(1) < f(2) < f(3))
print(calls)
calls.clear()
print(f(3) < f(2) < f(1))
print(calls)
calls.clear()
print(f(1) < f(5) > f(2) == f(2))
print(calls)
print(1 < 2 == True)
print((1 < 2) == True)
print(1 in [1] == True)
a = [1]
b = a
print(a is b is a, a is b is not None, None is None is None)
print('a' < 'b' < 'c' < 'd' < 'e', 'a' < 'b' < 'a')
r = 3 < 4 < 5 and 'yes'
print(r)
print(1 < 2 < 3 < 4 < 5 < 6 < 7 < 8 < 9 < 10)
