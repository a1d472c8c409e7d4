# '=' instead of '==' in an if
if x = 1:
    pass
