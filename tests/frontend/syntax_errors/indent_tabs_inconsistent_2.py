# spaces then a tab that may or may not match
if x:
    a = 1
	b = 2
