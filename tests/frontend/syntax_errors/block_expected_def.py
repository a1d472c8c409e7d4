# expected an indented block after def
def f():
x = 1
