# lambda parameters: after_kwargs
f = lambda **k, a: 0
