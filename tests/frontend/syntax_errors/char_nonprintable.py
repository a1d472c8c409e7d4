# a control character
x = 1
