# lambda parameters: default_before_nondefault
f = lambda a=1, b: 0
