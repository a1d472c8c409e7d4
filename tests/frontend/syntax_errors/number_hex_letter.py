# a non-hex letter in a hexadecimal literal
x = 0x1g
