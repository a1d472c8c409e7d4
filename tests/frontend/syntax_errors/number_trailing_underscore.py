# a trailing underscore
x = 1_
