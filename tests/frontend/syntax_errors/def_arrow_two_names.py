# a return annotation followed by another name
def f() -> int x:
    pass
