# a dict key without ':' and a value
x = {1: 2, 3}
