# lambda parameters: slash_first
f = lambda /: 0
