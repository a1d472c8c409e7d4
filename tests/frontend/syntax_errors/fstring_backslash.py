# an f-string expression containing a backslash
x = f'{a\nb}'
