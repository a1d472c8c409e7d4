# a double underscore
x = 1__000
