t = (1, 2, 3)
l = [a, b, *c]
s = {1, a}
d = {'k': 1, 'j': 2}
e = {**d, 'x': a}
item = l[0]
part = l[1:2]
step = l[::2]
l[0] = 5
del d['k']
