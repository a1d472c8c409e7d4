# expected ':' after except
try:
    pass
except ValueError
    pass
