# lambda parameters: annotation
f = lambda a: int: 0
