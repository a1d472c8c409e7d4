# exec of statements in the current namespace and in explicit dicts.
exec('x = 1 + 2')
print(x)
exec('def f(a):\n    return a * 2\n')
print(f(21))
g = {}
exec('y = 10\nz = y * 2', g)
print(g['y'], g['z'], '__builtins__' in g)
print('y' in globals())
g2 = {'v': 5}
l2 = {}
exec('w = v + 1', g2, l2)
print(l2, 'w' in g2)
# functions defined by exec with separate locals see globals only
g3 = {'base': 100}
l3 = {}
exec('local_val = 1\ndef h():\n    return base\n', g3, l3)
print(l3['h'](), sorted(l3))
exec('def k():\n    return local_val\n', g3, l3)
try:
    l3['k']()
except NameError as e:
    print(type(e).__name__, e)
# exec returns None
print(exec('pass'))
# exec of a code object
code = compile('print("from code object", q)', '<s>', 'exec')
exec(code, {'q': 7})
# exec with bytes source
exec(b'print("bytes source")')
# custom builtins
exec('print(len("abc"))', {'__builtins__': {'print': print, 'len': lambda s: 'fake len'}})
try:
    exec('len("x")', {'__builtins__': {}})
except NameError as e:
    print(type(e).__name__, e)
# exec with a non-dict globals
try:
    exec('a = 1', [])
except TypeError as e:
    print(type(e).__name__, e)
# locals can be any mapping
class Recorder(dict):
    def __setitem__(self, k, v):
        print('store', k, v)
        super().__setitem__(k, v)
exec('m = 1\nn = m + 1', {}, Recorder())
try:
    exec(5)
except TypeError as e:
    print(type(e).__name__, e)
