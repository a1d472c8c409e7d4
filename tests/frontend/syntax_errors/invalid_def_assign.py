# assigning to the def keyword
def = 1
