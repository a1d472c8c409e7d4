# and/or/not return operands and call __bool__ exactly as needed.
class T:
    def __init__(self, name, val):
        self.name, self.val = name, val
    def __bool__(self):
        print('bool', self.name)
        return self.val
    def __repr__(self):
        return self.name
a, b, c = T('a', True), T('b', False), T('c', True)
print(a and b)
print(b and a)
print(a or b)
print(b or c)
print(not a)
print(a and b or c)
print(b or b and a)
r = a and c and b
print(r)
if a and b:
    print('no')
elif b or c:
    print('elif taken')
x = [a, b, c]
print([v for v in x if v])
print(all(x), any(x))
print((a or 0) is a, (0 or []) == [], (None and 1) is None)
while b:
    pass
print(a if b else c)
