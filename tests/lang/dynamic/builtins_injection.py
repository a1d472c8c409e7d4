# exec/eval insert __builtins__ into a globals dict that lacks it.
g = {}
exec('pass', g)
print(sorted(g), type(g['__builtins__']).__name__ in ('module', 'dict'))
g2 = {'__builtins__': {'abs': abs}}
print(eval('abs(-3)', g2))
try:
    eval('max(1, 2)', g2)
except NameError as e:
    print(type(e).__name__, e)
g3 = {}
eval('1', g3)
print('__builtins__' in g3)
# builtins shadowed by globals and locals
print(eval('len', {'len': 'shadowed'}))
print(eval('len', {}, {'len': 'local shadow'}))
# a builtins dict with print redirected
out = []
exec('print("captured")', {'__builtins__': {'print': lambda *a: out.append(a)}})
print(out)
# the same globals dict across multiple exec calls accumulates state
shared = {}
exec('counter = 0', shared)
for _ in range(3):
    exec('counter += 1', shared)
print(shared['counter'])
exec('def bump():\n    global counter\n    counter += 10', shared)
shared['bump']()
print(shared['counter'])
