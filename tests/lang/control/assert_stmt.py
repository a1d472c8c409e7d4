# assert with and without messages (caught).
assert True
assert 1 == 1, 'not shown'
try:
    assert False
except AssertionError as e:
    print(type(e).__name__, repr(e), e.args)
try:
    assert 1 > 2, 'one is not greater than two'
except AssertionError as e:
    print(type(e).__name__, e, e.args)
try:
    assert [], ['message', 'list']
except AssertionError as e:
    print(type(e).__name__, e, e.args)
log = []
def msg():
    log.append('msg evaluated')
    return 'lazy'
assert True, msg()
print(log)
try:
    assert 0, msg()
except AssertionError as e:
    print(e, log)
x = 5
try:
    assert x < 0, f'x should be negative, got {x}'
except AssertionError as e:
    print(e)
