# a non-ASCII name before a missing comma in an f-string
x = f'{é b}'
