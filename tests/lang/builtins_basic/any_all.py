# any() and all(): results and short-circuit.
print(any([]), all([]), any([0, '', None]), any([0, 1]), all([1, 'a', [0]]), all([1, 0, 1]))
print(any('abc'), all(''), any(x > 2 for x in range(4)), all(x < 10 for x in range(4)))
seen = []
def gen():
    for v in [0, 3, 0, 5]:
        seen.append(v)
        yield v
print(any(gen()), seen)
seen.clear()
print(all(gen()), seen)
print(type(any([1])).__name__, any([[]]), all([[]]), any({0: 'a'}), all({1: 0}))
try:
    any(5)
except TypeError as e:
    print(type(e).__name__, e)
