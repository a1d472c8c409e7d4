# an f-string ending in '{'
x = f'abc{'
