# a bare * after a keyword argument
f(x, y=1, *)
