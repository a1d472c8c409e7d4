def f(tasks):
    return [await t for t in tasks]
