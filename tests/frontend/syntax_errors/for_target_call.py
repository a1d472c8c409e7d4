# a for loop assigning to a call
for f() in x:
    pass
