# with statement: suppression, nesting, exceptions in __enter__, ordering.
class CM:
    def __init__(self, name, suppress=False, fail_enter=False):
        self.name, self.suppress, self.fail_enter = name, suppress, fail_enter
    def __enter__(self):
        print('enter', self.name)
        if self.fail_enter:
            raise RuntimeError('enter failed: ' + self.name)
        return self
    def __exit__(self, et, ev, tb):
        print('exit', self.name, et and et.__name__)
        return self.suppress
# inner suppresses, outer sees nothing
with CM('outer'):
    with CM('inner', suppress=True):
        raise ValueError
    print('after inner')
# outer suppresses an exception passing through inner
with CM('outer', suppress=True):
    with CM('inner'):
        raise KeyError
print('after outer')
# multiple managers in one statement exit in reverse order
with CM('a'), CM('b', suppress=True), CM('c'):
    raise IndexError
print('after abc')
# failure in a later __enter__ exits the earlier managers
try:
    with CM('first'), CM('second', fail_enter=True), CM('third'):
        print('body not run')
except RuntimeError as e:
    print(type(e).__name__, e)
# exception info passed to __exit__
class Inspect:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        print(et.__name__, ev.args, type(tb).__name__, tb.tb_lineno > 0)
        return True
with Inspect():
    raise LookupError('info', 1)
# suppression inside a loop and function
def f():
    for i in range(3):
        with CM(f'it{i}', suppress=True):
            if i == 1:
                raise ValueError
            print('body', i)
    return 'f done'
print(f())
# the exception after __exit__ returned False is the same object
err = ValueError('same')
try:
    with CM('x'):
        raise err
except ValueError as e:
    print(e is err)
# with on an object used twice
cm = CM('reuse')
with cm as a:
    with cm as b:
        print(a is b)
