# an octal prefix with no digits
x = 0o
