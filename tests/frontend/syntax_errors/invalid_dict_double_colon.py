# a dict entry with two colons
d = {1: 2: 3}
