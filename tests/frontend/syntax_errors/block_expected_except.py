# expected an indented block after except
try:
    pass
except:
x = 1
