# an unterminated string at the end of the file
x = 'abc