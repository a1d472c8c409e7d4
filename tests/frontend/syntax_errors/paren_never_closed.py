# '(' was never closed
x = (1, 2
