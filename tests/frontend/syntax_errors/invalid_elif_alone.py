# an elif with no if
elif x:
    pass
