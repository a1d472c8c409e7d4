# Or-patterns and as-patterns.
def f(v):
    match v:
        case 0 | 1 | 2 as small:
            return f'small {small}'
        case [1, _] | [_, 1] as pair:
            return f'pair with one {pair}'
        case (str() | bytes()) as text:
            return f'text {text!r}'
        case {'k': (1 | 2) as inner} as whole:
            return f'inner {inner} whole {whole}'
        case [x, y] | (x, y, _):
            return f'x={x} y={y}'
        case _:
            return 'other'
for v in [0, 2, 3, [1, 5], [5, 1], 's', b'b', {'k': 2}, {'k': 3}, [7, 8], (7, 8, 9)]:
    print(repr(v), '->', f(v))
match [1, [2, 3]]:
    case [a, [b, c] as inner] as outer:
        print(a, b, c, inner, outer)
match 5:
    case (1 | 2 | 5) as n if n > 3:
        print('guarded or', n)
