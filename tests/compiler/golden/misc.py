assert x, 'message'
pass
x: int = 5
print(__debug__)
