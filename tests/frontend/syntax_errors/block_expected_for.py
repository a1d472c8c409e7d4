# expected an indented block after for
for x in y:
x = 1
