# Class statement basics: class body runs once, attributes, instances, methods.
print("before class")
class Point:
    print("in class body")
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm1(self):
        return abs(self.x) + abs(self.y)
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
print("after class")
p = Point(3, -4)
print(p.x, p.y, p.dims, Point.dims)
print(p.norm1())
q = p.moved(1, 1)
print(q.x, q.y, type(q) is Point)
print(Point.__name__, type(Point).__name__)
print(isinstance(p, Point), isinstance(3, Point))
p.dims = 3
print(p.dims, Point.dims)
del p.dims
print(p.dims)
Point.dims = 5
print(p.dims, q.dims)
class Empty:
    pass
e = Empty()
e.anything = 1
print(e.anything)
print(Empty.__bases__ == (object,))
print(Point.norm1(q))
m = p.norm1
print(m(), m.__self__ is p, m.__func__ is Point.norm1)
class WithDoc:
    "the doc"
print(WithDoc.__doc__, Empty.__doc__)
print(Point.__module__)
