# expected an indented block after while_else
while x:
    pass
else:
x = 1
