def outer():
    global shared
    def inner():
        nonlocal shared
