# cannot assign to conditional
a if b else c = 1
