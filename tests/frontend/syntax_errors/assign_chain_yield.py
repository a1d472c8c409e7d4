# a bare yield in the middle of a chained assignment
x = yield = 1
