# several exception types without parentheses, with a name
try:
    pass
except A, B as e:
    pass
