# a value then a tilde
x = 1 ~ 2
