# Function and variable annotations.
def f(a: int, b: 'str' = 'x', *args: float, c: list = None, **kw: dict) -> bool:
    return True
print(f.__annotations__)
def g(x, y):
    pass
print(g.__annotations__)
def h() -> None:
    pass
print(h.__annotations__)
log = []
def note(v):
    log.append(v)
    return v
def k(p: note('p'), q: note('q') = 1) -> note('ret'):
    pass
print(log, k.__annotations__)
x: int = 5
y: str
print(x, __annotations__)
try:
    print(y)
except NameError as e:
    print(type(e).__name__, e)
class C:
    a: int
    b: str = 'b'
print(C.__annotations__, C.b, hasattr(C, 'a'))
def local_ann():
    z: int = 3
    w: str
    return z
print(local_ann())
print(f(1), f.__annotations__['return'])
