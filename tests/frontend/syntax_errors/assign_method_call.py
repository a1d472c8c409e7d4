# cannot assign to method_call
a.b() = 1
