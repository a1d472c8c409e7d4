# Module-level names: globals(), global at module level, and __name__.
print(__name__)
x = 1
global y
y = 2
g = globals()
print(g['x'], g['y'], 'x' in g, g is globals())
g['created_via_globals'] = 'hello'
print(created_via_globals)
def f():
    return globals() is g, 'f' in globals()
print(f())
print(sorted(k for k in globals() if not k.startswith('__')))
print(type(__builtins__).__name__ in ('module', 'dict'))
print(__doc__)
