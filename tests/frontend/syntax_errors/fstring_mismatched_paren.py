# an f-string expression with mismatched brackets
x = f'{(a}'
