# a starred arithmetic expression as a dictionary value
x = {1: *a.b + c}
