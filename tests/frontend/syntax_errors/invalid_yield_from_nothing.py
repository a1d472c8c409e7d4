# yield from with no operand
def g():
    x = yield from
