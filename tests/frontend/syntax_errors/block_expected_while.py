# expected an indented block after while
while x:
x = 1
