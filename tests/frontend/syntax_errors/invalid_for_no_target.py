# a for loop without a target
for in y:
    pass
