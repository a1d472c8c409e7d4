# Function attributes.
def plain(a, b=2, *args, c, d=4, **kw):
    "Docstring of plain."
    return a
print(plain.__name__, plain.__qualname__, plain.__doc__, plain.__module__)
print(plain.__defaults__, plain.__kwdefaults__)
print(plain.__code__.co_argcount, plain.__code__.co_kwonlyargcount, plain.__code__.co_varnames)
def nodoc():
    pass
print(nodoc.__doc__, nodoc.__defaults__, nodoc.__kwdefaults__)
def outer():
    def inner():
        pass
    return inner
print(outer().__name__, outer().__qualname__)
class C:
    def method(self):
        pass
    class Nested:
        def deep(self):
            pass
print(C.method.__qualname__, C.Nested.deep.__qualname__, C.Nested.__qualname__)
lam = lambda: 0
print(lam.__name__, lam.__qualname__)
plain.__name__ = 'renamed'
print(plain.__name__, plain.__qualname__)
plain.custom = 'custom attr'
print(plain.custom, sorted(plain.__dict__))
nodoc.__doc__ = 'set later'
print(nodoc.__doc__)
nodoc.__defaults__ = ()
def with_defaults(x=1, y=2):
    return x, y
with_defaults.__defaults__ = (10, 20)
print(with_defaults())
try:
    plain.__name__ = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    nodoc.nonexistent
except AttributeError as e:
    print(type(e).__name__, e)
def docstring_not_first():
    x = 1
    "not a docstring"
print(docstring_not_first.__doc__)
def f_doc():
    """Multi
    line
    """
print(repr(f_doc.__doc__))
