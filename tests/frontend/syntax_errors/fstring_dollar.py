# a dollar sign in an f-string expression
x = f'{a $ b}'
