# '=' instead of '==' in a while
while x = 1:
    pass
