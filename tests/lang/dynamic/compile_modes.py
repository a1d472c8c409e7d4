# compile() in exec, eval and single modes; code object attributes.
c = compile('x = 5\ny = x * 2\n', 'file.py', 'exec')
print(type(c).__name__, c.co_filename, c.co_name)
ns = {}
exec(c, ns)
print(ns['y'])
e = compile('1 + 2', '<expr>', 'eval')
print(eval(e), e.co_name)
s = compile('40 + 2', '<single>', 'single')
exec(s)
exec(compile('None', '<single>', 'single'))
exec(compile('"text"', '<single>', 'single'))
exec(compile('for i in range(2): i\n', '<single>', 'single'))
try:
    compile('for i in range(2): i', '<single>', 'single')
except SyntaxError as err:
    print(type(err).__name__, err.msg)
try:
    compile('1 +', '<bad>', 'eval')
except SyntaxError as err:
    print(type(err).__name__, err.msg, err.filename, err.lineno)
try:
    compile('x = 1', '<bad>', 'eval')
except SyntaxError as err:
    print(type(err).__name__, err.msg)
try:
    compile('x = 1\ny = 2', '<bad>', 'single')
except SyntaxError as err:
    print(type(err).__name__, err.msg)
try:
    compile('1', '<bad>', 'nonsense')
except ValueError as err:
    print(type(err).__name__, err)
try:
    compile('a\0b', '<nul>', 'exec')
except (SyntaxError, ValueError) as err:
    print(type(err).__name__, err)
# exec of an eval-mode code object returns None, eval of exec-mode returns None
print(exec(e), eval(c, {}))
# the filename shows up in tracebacks info
code = compile('1 / 0', 'virtual.py', 'eval')
try:
    eval(code)
except ZeroDivisionError as err:
    tb = err.__traceback__
    while tb.tb_next:
        tb = tb.tb_next
    print(tb.tb_frame.f_code.co_filename, tb.tb_lineno)
fc = compile('def add(a, b):\n    return a + b\n', 'm', 'exec')
ns = {}
exec(fc, ns)
print(ns['add'](2, 3), ns['add'].__code__.co_varnames, ns['add'].__code__.co_argcount)
print(compile('pass', 'f', 'exec', dont_inherit=True).co_filename)
