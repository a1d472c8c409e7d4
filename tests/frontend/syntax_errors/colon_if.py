# expected ':' after if
if x
    pass
