# a name glued to an imaginary literal
x = 1jx
