# an unmatched ')'
x = (1, 2))
