# unparenthesized exception types
try:
    pass
except ValueError, TypeError:
    pass
