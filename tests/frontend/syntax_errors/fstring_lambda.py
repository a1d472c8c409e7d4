# an unparenthesized lambda in an f-string
x = f'{lambda x: 1}'
