# an f-string conversion followed by text
x = f'{a!r x}'
