# a comparison followed by a colon and nothing
x == y:
