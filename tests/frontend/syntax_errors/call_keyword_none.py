# None as a keyword argument name
f(None=1)
