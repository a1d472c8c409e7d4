# Comprehensions in a class body cannot see class-level names (except the first iterable).
class A:
    items = [1, 2, 3]
    doubled = [x * 2 for x in items]
    factor = 10
    try:
        scaled = [x * factor for x in items]
    except NameError as e:
        scaled = 'NameError: ' + str(e)
    pairs = [(x, y) for x in items for y in range(2)]
    try:
        nested = [(x, y) for x in range(2) for y in items]
    except NameError as e:
        nested = 'NameError: ' + str(e)
    gen_sum = sum(x for x in items)
print(A.doubled)
print(A.scaled)
print(A.pairs)
print(A.nested)
print(A.gen_sum)
print(hasattr(A, 'x'))
def outer():
    factor = 3
    class B:
        factor = 100
        vals = [factor * i for i in range(3)]
    return B.vals
print(outer())
