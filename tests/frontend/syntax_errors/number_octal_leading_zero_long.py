# a long decimal literal with a leading zero
x = 0123456789
