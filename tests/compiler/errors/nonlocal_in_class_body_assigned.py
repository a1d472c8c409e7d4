def outer():
    x = 1
    class Inner:
        x = 2
        nonlocal x
