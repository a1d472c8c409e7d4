# Literal patterns.
def describe(v):
    match v:
        case 0:
            return 'zero'
        case 1 | 2:
            return 'one or two'
        case -1:
            return 'minus one'
        case 1.5:
            return 'one and a half'
        case 2j:
            return 'imaginary'
        case 'hello':
            return 'greeting'
        case b'raw':
            return 'bytes'
        case True:
            return 'true'
        case None:
            return 'none'
        case 'con' 'cat':
            return 'concatenated literal'
        case -1 + 2j:
            return 'complex literal'
        case _:
            return 'other: ' + repr(v)
for v in [0, 1, 2, -1, 1.5, 2j, 'hello', b'raw', True, None, 'concat', -1 + 2j, 0.0, False, 3, 'x', 1.0]:
    print(repr(v), '->', describe(v))
