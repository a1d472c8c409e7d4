# a number after a dot
x = a.1
