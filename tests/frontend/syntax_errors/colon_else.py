# expected ':' after else
if x:
    pass
else
    pass
