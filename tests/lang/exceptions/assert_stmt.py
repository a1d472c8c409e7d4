# assert statement and AssertionError messages.
def check(v, msg=None):
    try:
        if msg is None:
            assert v
        else:
            assert v, msg
        print('passed', v)
    except AssertionError as e:
        print(type(e).__name__, repr(e), e.args)
check(1)
check(0)
check([], 'empty list')
check('', 42)
check(None, ('tuple', 'msg'))
check(True, 'unused')
# the message expression is only evaluated on failure
def msg():
    print('message evaluated')
    return 'lazy'
assert True, msg()
try:
    assert False, msg()
except AssertionError as e:
    print(e)
# assert with a user truthiness
class Falsy:
    def __bool__(self):
        print('bool called')
        return False
try:
    assert Falsy(), 'falsy object'
except AssertionError as e:
    print(e)
x = 5
try:
    assert x > 10, f'x is {x}'
except AssertionError as e:
    print(e)
print(__debug__)
t = (x, 'a non-empty tuple is always true')
assert t
print('tuple assert passed')
