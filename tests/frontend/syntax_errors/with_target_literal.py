# a with statement assigning to a literal
with a as 1:
    pass
