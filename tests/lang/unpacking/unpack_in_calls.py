# * and ** unpacking in calls and displays, evaluation order.
def show(*args, **kwargs):
    print(args, sorted(kwargs.items()))
show(*[1, 2], 3, *(4,), *'ab')
show(**{'a': 1}, b=2, **{'c': 3})
show(*range(3), **dict(x=1))
show(*[], **{})
log = []
def item(v):
    log.append(v)
    return v
show(item(1), *[item(2), item(3)], k=item(4), **{'m': item(5)})
print(log)
try:
    show(**{'a': 1}, **{'a': 2})
except TypeError as e:
    print(type(e).__name__, e)
try:
    show(*5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    show(**[1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    show(**{1: 2})
except TypeError as e:
    print(type(e).__name__, e)
merged = {**{'a': 1, 'b': 2}, **{'b': 3}}
print(merged)
print([*[], *[1]], (*'x',), {*()} == set())
try:
    print({**[1, 2]})
except TypeError as e:
    print(type(e).__name__, e)
