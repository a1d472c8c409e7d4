# a for loop assigning to a literal
for 1 in x:
    pass
