# Guards: evaluated after the pattern binds, and bindings stay even if the guard fails.
def f(v):
    match v:
        case [x, y] if x > y:
            return f'descending {x} {y}'
        case [x, y] if x == y:
            return 'equal'
        case [x, y]:
            return f'ascending {x} {y}'
        case n if isinstance(n, int) and n % 2 == 0:
            return 'even int'
        case _:
            return 'other'
print(f([3, 1]), f([2, 2]), f([1, 3]), f(4), f(5))
log = []
def check(v):
    log.append(v)
    return False
match (1, 2):
    case (a, b) if check(a):
        print('not here')
    case (c, d) if check(d):
        print('nor here')
    case _:
        print('guards failed', log, a, b, c, d)
match 10:
    case int() if (sq := 10 * 10) > 50:
        print('walrus in guard', sq)
