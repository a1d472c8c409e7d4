# Traceback through generators delegating with yield from.
def leaf():
    yield 'a'
    raise KeyError('leaf failed')
def middle():
    result = yield from leaf()
    return result
def top():
    yield from middle()
for item in top():
    print(item)
