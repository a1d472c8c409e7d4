# a keyword as a keyword argument name
f(class=1)
