# expected ':' after try
try
    pass
finally:
    pass
