# a sole generator expression argument with a trailing comma
f(x for x in y,)
