# a call followed by a colon and nothing
f():
