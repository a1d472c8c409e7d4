# AttributeError suggestions on a built-in type's method and on an instance attribute.
items = [3, 1, 2]
items.sort()
print(items)
class Box:
    def __init__(self):
        self.content = 'x'
try:
    Box().contnet
except AttributeError as e:
    print('str() has no suggestion:', e)
items.apend(4)
