# cannot assign to yield
def g():
    (yield) = 1
