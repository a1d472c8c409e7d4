def outer():
    class Inner:
        value = (yield)
