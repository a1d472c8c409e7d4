# an f-string with an unknown conversion
x = f'{a!x}'
