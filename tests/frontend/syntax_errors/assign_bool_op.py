# cannot assign to bool_op
a and b = 1
