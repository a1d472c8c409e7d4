# Star sub-patterns at every position, and sequence length checks.
def f(v):
    match v:
        case [*_, 'end']:
            return 'ends with end'
        case ['start', *_]:
            return 'starts with start'
        case [a, *mid, b] if len(mid) > 1:
            return f'long: {a}..{b} ({len(mid)} inside)'
        case [*all_items]:
            return f'any sequence {all_items}'
print(f(['x', 'end']), '|', f(['start', 1]), '|', f([1, 2, 3, 4]), '|', f([1, 2]), '|', f(()))
print(f(['end']), '|', f(['start']), '|', f(('start', 'end')))
def g(v):
    match v:
        case (x, *rest) if isinstance(rest, list):
            return f'rest is a list even for tuples: {rest}'
print(g((1, 2, 3)))
def h(v):
    match v:
        case [[*inner], *outer]:
            return inner, outer
print(h([[1, 2], 3, 4]), h([(), 'x']), h(['ab']))
