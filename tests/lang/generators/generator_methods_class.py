# Generators as methods, staticmethods and __iter__ of classes.
class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __iter__(self):
        for row in self.rows:
            yield from row
    def rows_iter(self):
        for i, row in enumerate(self.rows):
            yield i, sum(row)
    def columns(self):
        for j in range(len(self.rows[0])):
            yield [r[j] for r in self.rows]
    @staticmethod
    def identity_rows(n):
        for i in range(n):
            yield [1 if j == i else 0 for j in range(n)]
    @classmethod
    def identity(cls, n):
        return cls(list(cls.identity_rows(n)))
m = Matrix([[1, 2], [3, 4]])
print(list(m), list(m.rows_iter()), list(m.columns()))
print(list(Matrix.identity(3)))
print(max(m), min(m), sorted(m, reverse=True))
a, b, c, d = m
print(a, b, c, d)
print(dict(m.rows_iter()))
# generator that mutates self as it goes
class Counter:
    def __init__(self):
        self.n = 0
    def ticks(self, k):
        for _ in range(k):
            self.n += 1
            yield self.n
c = Counter()
t = c.ticks(3)
print(next(t), c.n)
print(list(t), c.n)
