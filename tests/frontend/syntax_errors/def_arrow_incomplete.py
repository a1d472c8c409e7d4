# a return annotation cut short before the colon
def f() -> a +:
    pass
