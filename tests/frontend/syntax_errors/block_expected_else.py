# expected an indented block after else
if x:
    pass
else:
x = 1
