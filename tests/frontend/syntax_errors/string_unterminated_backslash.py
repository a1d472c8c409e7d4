# a string ended by a backslash at the end of the line
x = 'abc\
