# Generator expressions in class bodies and nested scopes.
class C:
    items = [1, 2, 3]
    doubled = list(x * 2 for x in items)
    try:
        offset = 10
        shifted = list(x + offset for x in items)
    except NameError as e:
        error = str(e)
print(C.doubled, C.error)
def f():
    base = 5
    return list(x + base for x in range(3))
print(f())
# nested generator expressions
matrix = [[1, 2], [3, 4]]
print(list(list(v * 10 for v in row) for row in matrix))
print(sum(sum(row) for row in matrix))
# the iteration variable does not leak
ge = list(leak for leak in range(3))
try:
    leak
except NameError as e:
    print(type(e).__name__, e)
# a generator expression over a generator expression
evens = (n for n in range(20) if n % 2 == 0)
squares = (e * e for e in evens)
print(next(squares), next(squares), list(squares)[-1])
# genexpr closing over a loop variable, consumed later
gens = [(i * k for k in range(3)) for i in range(3)]
print([list(g) for g in gens])
