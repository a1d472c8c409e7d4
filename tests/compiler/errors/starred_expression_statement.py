def f():
    *args
