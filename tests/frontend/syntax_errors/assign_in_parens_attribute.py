# an attribute assigned inside parentheses
x = (a.b = 1)
