# expected an indented block after decorated_def
@dec
def f():
x = 1
