# cannot assign to listcomp
[x for x in y] = 1
