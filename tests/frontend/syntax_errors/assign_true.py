# cannot assign to true
True = 1
