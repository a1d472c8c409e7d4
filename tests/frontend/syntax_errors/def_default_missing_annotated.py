# an annotated parameter with = and no default
def f(a: int=):
    pass
