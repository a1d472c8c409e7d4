# a non-breaking space
x = 1
