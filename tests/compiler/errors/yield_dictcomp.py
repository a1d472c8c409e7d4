def f(data):
    return {k: (yield k) for k in data}
