# Mapping patterns.
def f(v):
    match v:
        case {'type': 'point', 'x': x, 'y': y}:
            return f'point {x},{y}'
        case {'type': 'circle', 'r': r, **rest}:
            return f'circle r={r} rest={rest}'
        case {'type': t}:
            return f'some {t}'
        case {}:
            return 'any mapping'
        case _:
            return 'not a mapping'
print(f({'type': 'point', 'x': 1, 'y': 2, 'extra': 0}))
print(f({'type': 'circle', 'r': 5, 'color': 'red', 'z': 1}))
print(f({'type': 'square'}))
print(f({'name': 'no type'}))
print(f({}))
print(f([('type', 'point')]))
print(f('type'))
def g(v):
    match v:
        case {1: one, 2.5: x, None: n}:
            return one, x, n
    return 'no match'
print(g({1: 'a', 2.5: 'b', None: 'c'}), g({1: 'a'}))
class Const:
    KEY = 'k'
def h(v):
    match v:
        case {Const.KEY: value}:
            return value
    return 'missing'
print(h({'k': 'found'}), h({'j': 1}))
class Tracking(dict):
    def get(self, key, default=None):
        print('get', key)
        return super().get(key, default)
print(f(Tracking(type='point', x=0, y=0)))
