# a bad escape in a string on the second line
x = 1
y = ('ok'
     '\xZZ')
