# a starred expression as a dict value
x = {a: *b}
