@a.b(c)
@(lambda f: f)
class C(B, metaclass=M, **kw):
    x: int = 1
    def f(self, a, /, b=2, *c, d, e=3, **f) -> None: ...
g = lambda a, /, b=1, *c, d, **e: (yield)
