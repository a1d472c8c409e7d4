# CRLF line endings
x = 1
y = 'abc
