# expected ':' after def
def f()
    pass
