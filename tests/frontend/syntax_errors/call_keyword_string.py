# a string as a keyword argument name
f('a'=1)
