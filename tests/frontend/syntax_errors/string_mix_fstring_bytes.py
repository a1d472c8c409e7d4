# an f-string and a bytes literal concatenated
x = b'a' f'b'
