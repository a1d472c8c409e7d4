# a match statement without cases
match x:
    pass
