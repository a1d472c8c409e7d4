# a hexadecimal prefix with no digits
x = 0x
