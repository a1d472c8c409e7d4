# cannot assign to tuple_call
a, f() = 1, 2
