# inconsistent tabs and spaces
if x:
	a = 1
        b = 2
