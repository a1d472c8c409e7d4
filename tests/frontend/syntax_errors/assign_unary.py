# cannot assign to unary
-a = 1
