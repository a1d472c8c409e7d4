# a double star after return
def f():
    return **x
