# two names on the second line of an f-string expression
x = f'''{a +
b c}'''
