# Mixed int/float/bool/complex arithmetic and result types.
def show(v):
    print(type(v).__name__, v)

show(1 + 2.0)
show(True + 1.5)
show(3 * 1.0)
show(2 ** 0.5)
show(2 ** -2)
show(4 / 2)
show(7 // 2.0)
show(7 % 2.5)
show(1 + 2j)
show((1 + 2j) * (3 - 1j))
show((1 + 2j) / 2)
show(2 + True)
show(True & False)
show(True | 0)
show(1j ** 2)
show(abs(3 + 4j))
show((-1) ** 0.5)
print(1 == 1.0, 1 == 1.0 + 0j, 2 ** 53 == 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53 + 1)
print(10 ** 20 == 1e20, 10 ** 22 == 1e22, 10 ** 23 == 1e23)
print(1 < 1.5 < 2, 2 ** 64 > 1.8e19, -2 ** 64 < -1.8e19)
print(0.5 + 0.5 == True, 0 == False == 0.0)
try:
    show(1 + 'a')
except TypeError as e:
    print(type(e).__name__, e)
try:
    show('a' + 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    show([1] + (2,))
except TypeError as e:
    print(type(e).__name__, e)
try:
    show(1j < 2j)
except TypeError as e:
    print(type(e).__name__, e)
try:
    show(1j // 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    show(None + 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    show(-'x')
except TypeError as e:
    print(type(e).__name__, e)
try:
    show(1.5 & 1)
except TypeError as e:
    print(type(e).__name__, e)
show('ab' * 3)
show(3 * [0])
show((1, 2) * 2)
show('x' * 0)
show('x' * -2)
show([1, 2] * True)
try:
    show('a' * 2.0)
except TypeError as e:
    print(type(e).__name__, e)
