def f(ñame, données, ñame):
    pass
