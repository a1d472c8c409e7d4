# a non-octal digit in an octal literal
x = 0o8
