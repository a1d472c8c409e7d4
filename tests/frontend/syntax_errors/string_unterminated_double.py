# an unterminated double-quoted string
x = "abc
