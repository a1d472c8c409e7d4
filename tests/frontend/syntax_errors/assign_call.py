# cannot assign to call
f() = 1
