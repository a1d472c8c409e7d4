# a deeper indent inside a block
if x:
    a = 1
        b = 2
