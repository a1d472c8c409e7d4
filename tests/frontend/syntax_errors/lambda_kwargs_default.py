# lambda parameters: kwargs_default
f = lambda **k=1: 0
