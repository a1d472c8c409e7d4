# a missing comma in a dict
x = {1: 2 3: 4}
