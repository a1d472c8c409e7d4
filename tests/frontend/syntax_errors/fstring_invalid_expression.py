# an f-string expression with two names
x = f'{a b}'
