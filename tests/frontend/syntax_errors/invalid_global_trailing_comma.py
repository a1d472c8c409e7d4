# a trailing comma in a global statement
def f():
    global x,
