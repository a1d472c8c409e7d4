# An exception raised inside a generator, seen through the for loop that drives it.
def numbers():
    yield 1
    yield 2
    raise RuntimeError('generator broke')
def doubled(gen):
    for n in gen:
        yield n * 2
for v in doubled(numbers()):
    print(v)
