# a question mark
x = a ? b : c
