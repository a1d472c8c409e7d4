# cannot assign to not
not a = 1
