def f(data):
    return ((yield x) for x in data)
