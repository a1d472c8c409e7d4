# globals() and locals() in different scopes.
g_var = 1
print(globals()['g_var'], globals() is globals())
globals()['created_dynamically'] = 'hello'
print(created_dynamically)
def f(a, b=2):
    c = a + b
    loc = locals()
    return sorted(loc.items())
print(f(1))
def snapshot():
    x = 1
    l = locals()
    x = 2
    return l['x'], locals()['x']
print(snapshot())
def write_locals():
    y = 'orig'
    locals()['y'] = 'changed'
    return y
print(write_locals())
def closure():
    free = 'free var'
    def inner():
        return sorted(locals())
    def inner_uses():
        free
        return sorted(locals())
    return inner(), inner_uses()
print(closure())
class C:
    a = 1
    b = sorted(locals())
print(C.b)
print(locals() is globals())
def uses_global():
    global g_var
    g_var = 'rebound'
    return 'g_var' in locals()
print(uses_global(), g_var)
def g_in_func():
    return globals() is sys_globals
sys_globals = globals()
print(g_in_func())
print(sorted(k for k in globals() if k.startswith('__') and k in ('__name__', '__doc__', '__builtins__', '__file__')))
