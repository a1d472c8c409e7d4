# an escape sequence outside a string
x = \n
