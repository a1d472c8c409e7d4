f() = 1
None = 2
(a, b) += 1
del f()
[x for x in y] = 3
