def outer():
    count = 0
    def inner():
        global count
        nonlocal count
