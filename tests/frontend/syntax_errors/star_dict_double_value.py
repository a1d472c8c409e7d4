# a double-starred expression as a dict value
x = {a: **b}
