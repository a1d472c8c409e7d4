# a character after a line continuation
x = 1 \ 2
