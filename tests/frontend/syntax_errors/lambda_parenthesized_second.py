# parenthesized lambda parameters after a plain one
f = lambda a, (b, c): 0
