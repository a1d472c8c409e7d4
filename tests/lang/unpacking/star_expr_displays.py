# Starred expressions in list/tuple/set displays and in return/yield.
a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, *b), {*a, *b}, [*a, 0, *a])
def ret():
    return *a, 'end'
print(ret())
def gen():
    yield *b, 'y'
print(list(gen()))
t = *a, *b
print(t, type(t).__name__)
print([*range(2), *{'k': 1}, *'xy'])
print([*[]], (*(),), [*iter([5])])
x = *'ab',
print(x)
for v in *a, *b:
    print(v, end=' ')
print()
