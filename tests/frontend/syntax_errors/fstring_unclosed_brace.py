# an f-string missing its '}'
x = f'{a'
