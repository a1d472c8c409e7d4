# a colon inside the parameter list
def f(:
    pass
