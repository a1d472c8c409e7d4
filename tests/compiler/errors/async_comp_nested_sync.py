def f(groups):
    return [[x async for x in g] for g in groups]
