# an f-string expression with an unmatched ')'
x = f'{a)}'
