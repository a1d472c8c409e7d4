# functools.singledispatch (its register() imports typing, hence re).
from functools import singledispatch


@singledispatch
def kind(x):
    return 'object'
@kind.register
def _(x: int):
    return 'int'
@kind.register(list)
def _(x):
    return 'list'
print(kind(1), kind([1]), kind('s'), kind(True), kind.dispatch(float).__name__)
print(sorted(t.__name__ for t in kind.registry))
