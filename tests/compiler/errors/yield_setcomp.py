def f(data):
    return {(yield) for x in data}
