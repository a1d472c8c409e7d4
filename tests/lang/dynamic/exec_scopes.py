# exec/eval inside functions cannot create or change real local variables.
def f():
    exec('new_local = 5')
    try:
        return new_local
    except NameError as e:
        return f'{type(e).__name__}: {e}'
print(f())
def g():
    exec('new_local = 5')
    return locals().get('new_local')
print(g())
def h():
    x = 1
    exec('x = 99')
    return x
print(h())
def k():
    ns = {}
    exec('x = 99', globals(), ns)
    return ns['x']
print(k())
def with_globals():
    exec('global made_global\nmade_global = "set from exec"')
with_globals()
print(made_global)
def eval_sees_locals():
    a, b = 2, 3
    return eval('a ** b')
print(eval_sees_locals())
def nested_exec():
    code = 'def inner():\n    return value\nresult = inner()'
    ns = {'value': 'ns value'}
    exec(code, ns)
    return ns['result']
print(nested_exec())
# class definition inside exec
ns = {}
exec('class K:\n    attr = 1\n    def m(self):\n        return self.attr + 1', ns)
print(ns['K']().m(), ns['K'].__module__ if '__name__' in ns else ns['K'].__dict__.get('__module__'))
ns2 = {'__name__': 'virtual_mod'}
exec('class L: pass', ns2)
print(ns2['L'].__module__, ns2['L'].__qualname__)
# exec inside a class body
class M:
    exec('generated = 42')
print(M.generated)
# exec sees the exec'ing function's globals by default
value = 'module value'
def read_value():
    return eval('value')
print(read_value())
