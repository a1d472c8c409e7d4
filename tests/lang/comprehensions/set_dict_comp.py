# Set and dict comprehensions.
print({x % 4 for x in range(20)})
print(sorted({len(w) for w in ['a', 'bb', 'cc', 'ddd']}))
print({x: x * x for x in range(5)})
print({k: v for k, v in zip('abc', [1, 2, 3]) if v != 2})
print({v: k for k, v in {'x': 1, 'y': 2}.items()})
print({x % 3: x for x in range(10)})
print({(i, j): i * j for i in range(2) for j in range(2)})
print({n: [m for m in range(n)] for n in range(3)})
d = {str(i): i for i in range(3)}
print(d, type(d).__name__, type({i for i in ()}).__name__)
order = []
def key(v):
    order.append('k%d' % v)
    return v
def val(v):
    order.append('v%d' % v)
    return v
print({key(i): val(i) for i in range(2)})
print(order)
try:
    print({[i]: i for i in range(2)})
except TypeError as e:
    print(type(e).__name__, e)
try:
    print({[i] for i in range(2)})
except TypeError as e:
    print(type(e).__name__, e)
