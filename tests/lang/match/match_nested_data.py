# Matching nested structures of lists, dicts and objects.
class Node:
    __match_args__ = ('op', 'args')
    def __init__(self, op, *args):
        self.op = op
        self.args = list(args)
def ev(n):
    match n:
        case int() | float():
            return n
        case Node('+', [a, b]):
            return ev(a) + ev(b)
        case Node('*', [a, b]):
            return ev(a) * ev(b)
        case Node('-', [a]):
            return -ev(a)
        case Node('sum', [*items]):
            return sum(ev(i) for i in items)
        case Node(op):
            raise ValueError(f'unknown op {op!r}')
expr = Node('+', 1, Node('*', 2, Node('-', 3)))
print(ev(expr), ev(Node('sum', 1, 2, 3, Node('sum'))))
try:
    ev(Node('/', 1, 2))
except ValueError as e:
    print(type(e).__name__, e)
events = [
    {'kind': 'click', 'pos': [10, 20]},
    {'kind': 'key', 'key': 'q', 'mods': ['ctrl']},
    {'kind': 'key', 'key': 'a', 'mods': []},
    {'kind': 'scroll', 'delta': -3},
    ['not', 'a', 'dict'],
]
for ev_ in events:
    match ev_:
        case {'kind': 'click', 'pos': [x, y]}:
            print('click at', x, y)
        case {'kind': 'key', 'key': k, 'mods': ['ctrl', *_]}:
            print('ctrl +', k)
        case {'kind': 'key', 'key': k}:
            print('plain key', k)
        case {'kind': other}:
            print('unhandled kind', other)
        case [*words]:
            print('a list of', len(words))
