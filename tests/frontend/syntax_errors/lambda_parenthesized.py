# lambda parameters: parenthesized
f = lambda (a): 0
