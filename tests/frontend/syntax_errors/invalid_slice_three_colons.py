# a slice with three colons
x = a[1:2:3:4]
