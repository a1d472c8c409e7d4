# expected an indented block after match
match x:
x = 1
