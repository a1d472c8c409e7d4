# a with statement ending in a comma
with a, :
    pass
