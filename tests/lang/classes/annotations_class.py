# Class-level annotations and __annotations__.
class A:
    x: int
    y: str = 'hi'
    z: 'list[int]' = []
print(A.__annotations__ == {'x': int, 'y': str, 'z': 'list[int]'})
print(hasattr(A, 'x'), A.y)
try:
    A.x
except AttributeError as e:
    print(type(e).__name__, e)
class B(A):
    w: float
print(list(B.__annotations__), list(A.__annotations__))
class C:
    pass
print(C.__annotations__ if '__annotations__' in C.__dict__ else 'no annotations in dict')
def f(a: int, b: 'str' = 'x', *args: float, c: bool, **kw: dict) -> None:
    pass
print(sorted(f.__annotations__))
print(f.__annotations__['return'], f.__annotations__['b'])
# annotations are evaluated in order
def trace(v):
    print('eval', v)
    return v
class D:
    a: trace(1) = trace(2)
    b: trace(3)
print(D.__annotations__)
