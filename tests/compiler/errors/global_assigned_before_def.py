def outer():
    def helper():
        return 1
    global helper
