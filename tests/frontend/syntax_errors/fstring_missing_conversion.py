# an f-string with ! and no conversion
x = f'{a!}'
