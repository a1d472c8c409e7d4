# expected an indented block after except_type
try:
    pass
except ValueError as e:
x = 1
