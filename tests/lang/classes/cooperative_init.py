# Cooperative __init__ through an MRO with keyword arguments.
class Shape:
    def __init__(self, **kw):
        print('Shape', sorted(kw))
        super().__init__(**kw)
class Colored(Shape):
    def __init__(self, color='none', **kw):
        print('Colored', color)
        self.color = color
        super().__init__(**kw)
class Sized(Shape):
    def __init__(self, size=0, **kw):
        print('Sized', size)
        self.size = size
        super().__init__(**kw)
class Widget(Colored, Sized):
    def __init__(self, name, **kw):
        print('Widget', name)
        self.name = name
        super().__init__(**kw)
w = Widget('w', color='red', size=3)
print(w.name, w.color, w.size)
print([c.__name__ for c in Widget.__mro__])
try:
    Widget('x', weight=5)
except TypeError as e:
    print(type(e).__name__, e)
