# an unterminated raw string
x = r'abc
