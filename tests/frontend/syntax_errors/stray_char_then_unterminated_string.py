# a dollar sign, then an unterminated string further on
x = a $ b
y = 1
z = 'abc
