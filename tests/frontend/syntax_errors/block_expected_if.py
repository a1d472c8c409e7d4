# expected an indented block after if
if x:
x = 1
