# Capture patterns and the wildcard.
def f(v):
    match v:
        case 'special':
            return 'special'
        case other:
            return 'captured ' + repr(other)
print(f('special'), f(42), f([1]))
match 99:
    case x:
        pass
print('x after match:', x)
match 'anything':
    case _:
        print('wildcard matched')
try:
    print(_)
except NameError as e:
    print(type(e).__name__, e)
def g(v):
    match v:
        case [_, _]:
            return 'two items'
        case [_, *_]:
            return 'one or more items'
        case _:
            return 'no match'
print(g([1, 2]), g([1]), g([1, 2, 3]), g([]), g('ab'))
