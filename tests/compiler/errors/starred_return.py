def f():
    return *values
