key = lambda a, b, a: a
