# lambda parameters: slash_twice
f = lambda a, /, /: 0
