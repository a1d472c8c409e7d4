# Nested unpacking targets and mixed target kinds.
(a, b), c = (1, 2), 3
print(a, b, c)
a, (b, (c, d)) = 1, (2, (3, 4))
print(a, b, c, d)
[a, [b, c]] = ['x', 'yz']
print(a, b, c)
for i, (k, v) in enumerate({'a': 1, 'b': 2}.items()):
    print(i, k, v)
data = [1, 2, 3]
data[0], data[2] = data[2], data[0]
print(data)
class O:
    pass
o = O()
o.x, o.y = 10, 20
print(o.x, o.y)
d = {}
d['a'], d['b'] = 'AB'
print(d)
lst = [0, 0, 0, 0]
lst[1:3], lst[0] = [7, 8, 9], 5
print(lst)
i = 0
arr = [10, 20, 30]
i, arr[i] = 1, 99
print(i, arr)
(((deep,),),) = (((42,),),)
print(deep)
