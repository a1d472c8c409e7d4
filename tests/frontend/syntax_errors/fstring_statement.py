# a statement keyword inside an f-string
x = f'{pass}'
