def f(data):
    return [(yield from x) for x in data]
