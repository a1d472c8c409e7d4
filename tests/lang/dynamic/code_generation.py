# Generating functions and classes with exec and compile.
def make_accessor(name):
    src = f'def get_{name}(obj):\n    return obj[{name!r}]\n'
    ns = {}
    exec(src, ns)
    return ns[f'get_{name}']
get_a = make_accessor('a')
get_b = make_accessor('b')
d = {'a': 1, 'b': 2}
print(get_a(d), get_b(d), get_a.__name__)
def make_record(name, fields):
    args = ', '.join(fields)
    body = '\n'.join(f'        self.{f} = {f}' for f in fields) or '        pass'
    reprs = ', '.join(f'{f}={{self.{f}!r}}' for f in fields)
    src = (f'class {name}:\n'
           f'    __slots__ = {tuple(fields)!r}\n'
           f'    def __init__(self, {args}):\n{body}\n'
           f'    def __repr__(self):\n'
           f'        return f"{name}({reprs})"\n')
    ns = {}
    exec(src, ns)
    return ns[name]
Point = make_record('Point', ['x', 'y'])
p = Point(1, 'two')
print(p, p.x, Point.__slots__)
try:
    p.z = 3
except AttributeError as e:
    print(type(e).__name__, e)
ops = {}
for sym, name in [('+', 'add'), ('-', 'sub'), ('*', 'mul')]:
    ops[name] = eval(f'lambda a, b: a {sym} b')
print({k: f(7, 3) for k, f in ops.items()})
expr_code = compile('a * x ** 2 + b * x + c', '<poly>', 'eval')
print([eval(expr_code, {'a': 1, 'b': -3, 'c': 2, 'x': x}) for x in range(5)])
