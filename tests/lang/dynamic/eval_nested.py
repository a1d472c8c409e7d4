# eval/exec nested inside each other and with comprehensions.
print(eval('eval("1 + 1")'))
ns = {}
exec('exec("inner = 5")', ns)
print(ns['inner'])
print(eval('[eval(str(i)) * 2 for i in range(3)]'))
# comprehensions inside eval with a locals mapping can't see the locals inside the comprehension
try:
    print(eval('[x * k for x in range(3)]', {}, {'k': 10}))
except NameError as e:
    print(type(e).__name__, e)
print(eval('[x * k for x in range(3)]', {'k': 10}))
print(eval('[x for x in items]', {}, {'items': [1, 2]}))
# a lambda in eval captures the globals dict, not the locals mapping
f = eval('lambda: g_val', {'g_val': 'from globals'}, {'g_val': 'from locals'})
print(f())
expr = '(a, b) = (b, a)'
d = {'a': 1, 'b': 2}
exec(expr, d)
print(d['a'], d['b'])
print(eval('(lambda n: n * 2)(21)'))
print(eval('{k: v for k, v in zip("ab", range(2))}'))
print(eval("f'{1 + 1} and {\"q\"}'"))
