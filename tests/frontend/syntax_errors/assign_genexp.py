# cannot assign to genexp
(x for x in y) = 1
