def g(it):
    x = yield from it
    return x
