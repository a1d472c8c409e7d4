# a parenthesized expression before a missing comma in an f-string
x = f'{(a:=1) b}'
