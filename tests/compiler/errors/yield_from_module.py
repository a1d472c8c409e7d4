values = yield from range(3)
