# a with statement assigning to a call
with a as f():
    pass
