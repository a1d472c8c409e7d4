# lambda parameters: slash_after_star
f = lambda *, a, /: 0
