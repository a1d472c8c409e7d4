# an f-string expression containing '#'
x = f'{a#}'
