# a function definition without parentheses
def f:
    pass
