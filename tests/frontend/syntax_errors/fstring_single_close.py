# an f-string with a single '}'
x = f'a}b'
