# a bare not
x = not
