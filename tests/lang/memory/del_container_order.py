# Order of __del__ when containers are destroyed.
class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print('del', self.n)
print('list:')
l = [D(1), D(2), D(3)]
del l
print('tuple:')
t = (D(1), D(2), D(3))
del t
print('dict values:')
d = {'a': D(1), 'b': D(2), 'c': D(3)}
del d
print('instance attributes:')
class Box:
    pass
b = Box()
b.x = D(1)
b.y = D(2)
del b
print('list.clear:')
l = [D(1), D(2)]
l.clear()
print('slice assignment:')
l = [D(1), D(2), D(3)]
l[0:2] = []
print('remaining', [x.n for x in l])
del l
print('dict overwrite:')
d = {'k': D('old')}
d['k'] = D('new')
print('overwritten')
del d
print('pop:')
l = [D('popped')]
l.pop()
print('set discard:')
s = {D('in set')}
s.clear()
print('end')
