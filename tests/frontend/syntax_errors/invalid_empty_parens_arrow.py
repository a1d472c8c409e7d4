# a return annotation without a type
def f() ->:
    pass
