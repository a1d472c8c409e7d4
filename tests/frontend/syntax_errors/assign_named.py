# cannot assign to named
(a := 1) = 2
