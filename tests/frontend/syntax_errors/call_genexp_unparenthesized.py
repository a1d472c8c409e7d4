# an unparenthesized generator expression with another argument
f(x for x in y, 1)
