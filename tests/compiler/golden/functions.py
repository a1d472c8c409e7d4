def f(a, b=1, *args, c, d=2, **kwargs) -> int:
    return a + b


def outer():
    x = 1

    def inner():
        nonlocal x
        x += 1
        return x
    return inner


def uses_global():
    global counter
    counter = 0


square = lambda n: n * n
