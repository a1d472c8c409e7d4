# Sequence patterns.
def f(v):
    match v:
        case []:
            return 'empty'
        case [x]:
            return f'one: {x}'
        case [x, y]:
            return f'two: {x} {y}'
        case [0, *rest]:
            return f'starts with 0, rest={rest}'
        case [first, *middle, last]:
            return f'first={first} middle={middle} last={last}'
print(f([]), f(()), f([1]), f((1, 2)), f([0, 1, 2, 3]), f([1, 2, 3, 4]))
print(f('ab'), f(b'ab'), f({1: 2}), f({1, 2}))
print(f(range(3)), f(range(0, 10, 4)))
def nested(v):
    match v:
        case [[a, b], [c, d]]:
            return a + b + c + d
        case [(a, b), *_]:
            return a * b
        case _:
            return None
print(nested([[1, 2], [3, 4]]), nested([(5, 6), 'x', 'y']), nested([1]))
def tuple_like(v):
    match v:
        case (1, 2):
            return 'tuple syntax matches lists too'
        case 1, x:
            return f'open tuple pattern x={x}'
    return 'no'
print(tuple_like([1, 2]), tuple_like((1, 3)), tuple_like((2, 1)))
class MySeq(list):
    pass
print(f(MySeq([7, 8])))
def it(v):
    match v:
        case [*_]:
            return 'sequence'
        case _:
            return 'not a sequence'
print(it(iter([1])), it((x for x in [])), it([]), it(bytearray(b'x')), it('s'))
