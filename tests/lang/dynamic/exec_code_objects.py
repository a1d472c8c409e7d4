# exec of function code objects, and code object introspection.
def outer():
    v = 1
    def inner():
        return v
    return inner
closure_code = outer().__code__
print(closure_code.co_freevars, closure_code.co_name)
try:
    exec(closure_code)
except TypeError as e:
    print(type(e).__name__, e)
def plain():
    print('plain ran, sees', g_name)
g_name = 'module global'
exec(plain.__code__)
exec(plain.__code__, {'g_name': 'custom global', 'print': print})
def with_args(a, b):
    return a + b
print(with_args.__code__.co_argcount, with_args.__code__.co_varnames, with_args.__code__.co_name)
# eval of a function's code runs it with no arguments bound
def no_args():
    return 'eval of function code'
print(eval(no_args.__code__))
c = compile('a = 1\nb = 2\n', '<two>', 'exec')
print(c.co_names)
e = compile('x + y * z', '<expr>', 'eval')
print(e.co_names)
print(compile('lambda: 0', '<l>', 'eval').co_consts[0].__class__.__name__)
