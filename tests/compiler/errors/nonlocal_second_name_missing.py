def outer():
    a = 1
    def inner():
        nonlocal a, b
