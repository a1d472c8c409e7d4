# a name assigned inside parentheses
x = (y = 1)
