# expected an indented block after finally
try:
    pass
finally:
x = 1
