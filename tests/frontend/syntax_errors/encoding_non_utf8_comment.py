# comment with a latin-1 byte: é
x = 1
