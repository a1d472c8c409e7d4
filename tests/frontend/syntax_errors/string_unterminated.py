# an unterminated single-quoted string
x = 'abc
