# a binary prefix with no digits
x = 0b
