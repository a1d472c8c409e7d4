# Value patterns (dotted names) compare with ==.
class Color:
    RED = 'red'
    GREEN = 'green'
class Limits:
    LOW = 0
    HIGH = 100
class Consts:
    class Inner:
        DEEP = 'deep'
def name(c):
    match c:
        case Color.RED:
            return 'is red'
        case Color.GREEN:
            return 'is green'
        case Limits.LOW | Limits.HIGH:
            return 'a limit'
        case Consts.Inner.DEEP:
            return 'deep value'
        case _:
            return 'unknown'
for v in ['red', 'green', 0, 100, 0.0, 'deep', 'blue']:
    print(repr(v), name(v))
class Eq:
    def __eq__(self, other):
        print('__eq__ called with', repr(other))
        return other == 'target'
class Holder:
    E = Eq()
match 'target':
    case Holder.E:
        print('matched via custom __eq__')
