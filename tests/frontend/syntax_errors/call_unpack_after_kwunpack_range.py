# iterable unpacking after keyword unpacking and a keyword
f(a, **k, x=1, *b)
