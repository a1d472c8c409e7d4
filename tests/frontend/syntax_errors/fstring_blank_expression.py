# an f-string with only spaces in an expression
x = f'{  }'
