# lambda parameters: bare_star
f = lambda *: 0
