# a dollar sign
x = 1 $ 2
