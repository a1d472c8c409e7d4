# a call in the middle of a chained assignment
x = f() = 1
