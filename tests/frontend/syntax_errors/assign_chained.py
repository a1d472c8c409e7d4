# cannot assign to chained
x = f() = 3
