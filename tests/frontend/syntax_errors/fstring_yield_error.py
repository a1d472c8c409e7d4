# an f-string expression ending in an operator
x = f'{a +}'
