# an assignment inside an f-string
x = f'{a = 1}'
