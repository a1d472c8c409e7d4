# cannot assign to nested
(a, (b, 1)) = x
