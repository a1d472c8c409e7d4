# a hexadecimal literal of only an underscore
x = 0x_
