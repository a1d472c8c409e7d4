# a starred f-string expression
x = f'{*a}'
