# an operator split by a space
x = 1 / / 2
