# Arithmetic, comparisons, subscripts, loops and unpacking specialize, then see other types.

def add(a, b):
    return a + b

def mul(a, b):
    return a * b

def sub(a, b):
    return a - b

def div(a, b):
    return a / b

for i in range(100):
    add(i, i)
    mul(i, 3)
    sub(i, 1)
    div(float(i), 2.0)
big = 2 ** 61 - 1
print(add(big, big), add(big, 1), add(-big, -big - 2))
print(mul(big, big), mul(3037000499, 3037000499), mul(-2 ** 40, 2 ** 40))
print(sub(-big, big), sub(-(2 ** 61), 1))
print(add(1.5, 2), add("a", "b"), add([1], [2]), add(True, True))
try:
    div(1.0, 0.0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(div(1, 3), div(7.0, 2))

def less(a, b):
    if a < b:
        return "lt"
    return "ge"

def equal(a, b):
    return a == b

for i in range(100):
    less(i, 50)
    equal("x", "x" * (i % 2 + 1))
print(less(1.5, 2), less("a", "b"), less(float("nan"), 1.0), less(2 ** 70, 1))
print(equal(1, 1.0), equal("a", "a"), equal(float("nan"), float("nan")), equal([1], [1]))
try:
    less(1, "x")
except TypeError as e:
    print("TypeError", e)

def item(seq, i):
    return seq[i]

data = list(range(10))
for i in range(100):
    item(data, i % 10)
print(item(data, -1), item((1, 2, 3), 2), item({"k": "v"}, "k"), item("abc", 1))
try:
    item(data, 10)
except IndexError as e:
    print("IndexError", e)
try:
    item({}, "missing")
except KeyError as e:
    print("KeyError", e)

def put(seq, i, v):
    seq[i] = v

for i in range(100):
    put(data, i % 10, i)
put(data, -1, "last")
put({}, "k", 1)
print(data)
try:
    put(data, 99, 0)
except IndexError as e:
    print("IndexError", e)

def total(it):
    s = 0
    for v in it:
        s += v
    return s

for i in range(30):
    total(range(i))
    total([1, 2, 3])
    total((4, 5))
print(total(range(10, 0, -3)), total(x for x in range(5)), total({1: 0, 2: 0}), total(range(2 ** 62, 2 ** 62 + 2)))

grow = [1, 2, 3]
out = []
for v in grow:
    out.append(v)
    if v < 5:
        grow.append(v + 3)
print(out)

def pair(p):
    a, b = p
    return b, a

for i in range(100):
    pair((i, i + 1))
print(pair([1, 2]), pair("xy"), pair({3: 0, 4: 0}))
try:
    pair((1, 2, 3))
except ValueError as e:
    print("ValueError", e)
