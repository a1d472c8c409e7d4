def f():
	if x:
		nonlocal y
