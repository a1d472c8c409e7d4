# Names bound by patterns are ordinary assignments in the enclosing scope.
def f(v):
    match v:
        case [a, b]:
            pass
        case _:
            a = b = None
    return a, b
print(f([1, 2]), f('xyz'))
match {'x': 1}:
    case {'x': val}:
        pass
print(val)
def partial():
    result = 'not bound'
    match [1, 'two']:
        case [result, int()]:
            pass
    return result
print(partial())
def loop():
    out = []
    for item in [(1, 2), (3,), (4, 5)]:
        match item:
            case (x, y):
                out.append(x + y)
            case (x,):
                out.append(-x)
    return out
print(loop())
