x = 1
y = z = 'two'
a, b = b, a
first, *rest = [1, 2, 3]
x += 2
x **= y
del z
