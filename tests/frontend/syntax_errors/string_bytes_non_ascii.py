# a bytes literal with a non-ASCII character
x = b'café'
