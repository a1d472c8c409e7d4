# expected an indented block after for_else
for x in y:
    pass
else:
x = 1
