# eval of expressions with globals and locals.
a = 10
print(eval('a + 1'))
print(eval('a * b', {'a': 2, 'b': 3}))
print(eval('a + b', {'a': 1}, {'b': 100}))
print(eval('x', {'x': 'global'}, {'x': 'local'}))
print(eval('[i * i for i in range(4)]'))
print(eval('  1 + 1  '))
print(eval('\t(2)\n'))
print(eval('lambda v: v + a')(5))
def f():
    local = 'in f'
    return eval('local')
print(f())
def g():
    outer = 'closure'
    def inner():
        return eval('outer')
    return inner
try:
    g()()
except NameError as e:
    print(type(e).__name__, e)
try:
    eval('x = 1')
except SyntaxError as e:
    print(type(e).__name__, e.msg)
try:
    eval('undefined_name_q')
except NameError as e:
    print(type(e).__name__, e)
try:
    eval('1 +')
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.lineno, e.offset, repr(e.text))
print(eval(compile('3 * 3', '<e>', 'eval')))
print(eval(b'7 - 2'))
class Mapping:
    def __getitem__(self, k):
        if k == 'magic':
            return 'from mapping'
        raise KeyError(k)
print(eval('magic', {}, Mapping()))
print(eval('len', {}, Mapping()) is len)
try:
    eval('nothing', {}, Mapping())
except NameError as e:
    print(type(e).__name__, e)
print(eval('__name__'), eval('__name__', {}) if False else eval('__name__', {'__name__': 'custom'}))
print(eval('1 if True else 2'), eval('not 0'), eval('"s" "t"'))
try:
    eval('yield 1')
except SyntaxError as e:
    print(type(e).__name__, e.msg)
