# Control flow crossing nested functions, loops and exceptions.
def outer(limit):
    results = []
    def visit(n):
        if n > limit:
            raise StopIteration('limit')
        results.append(n)
    try:
        for i in range(100):
            if i % 2:
                continue
            visit(i)
    except StopIteration as e:
        results.append(str(e))
    return results
print(outer(6))
def gen_until(pred):
    i = 0
    while True:
        if pred(i):
            return
        yield i
        i += 1
print(list(gen_until(lambda v: v * v > 20)))
def early_exit(rows):
    for r in rows:
        for c in r:
            if c is None:
                return 'found None'
    return 'all set'
print(early_exit([[1, 2], [3, None]]), early_exit([[1]]))
