# expected an indented block after except_star
try:
    pass
except* ValueError:
x = 1
