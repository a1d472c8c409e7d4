# expected an indented block after try_else
try:
    pass
except:
    pass
else:
x = 1
