# a lambda parameter with = and no default
f = lambda a=, b: 0
