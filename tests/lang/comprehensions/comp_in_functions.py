# Comprehensions capturing parameters, closures and self.
class Bag:
    def __init__(self, items):
        self.items = items
    def scaled(self, k):
        return [v * k for v in self.items]
    def filtered(self, pred):
        return {v for v in self.items if pred(v)}
b = Bag([1, 2, 3, 4])
print(b.scaled(3), sorted(b.filtered(lambda v: v > 2)))
def outer(n):
    def inner():
        return [i * n for i in range(3)]
    return inner()
print(outer(5))
def default_param(step=2):
    return [i for i in range(0, 10, step)]
print(default_param(), default_param(5))
def recursive(n):
    return [] if n == 0 else [recursive(k) for k in range(n)]
print(recursive(3))
def kwargs_comp(**kw):
    return {k.upper(): v for k, v in kw.items()}
print(kwargs_comp(a=1, b=2))
