# isinstance and issubclass, including tuples and the bool/int relation.
print(isinstance(1, int), isinstance(True, int), isinstance(1, bool), isinstance(1.0, int))
print(isinstance('s', str), isinstance(b's', str), isinstance([], list), isinstance((), tuple))
print(isinstance(1, (str, int)), isinstance(1, (str, (float, int))), isinstance(1, ()))
print(isinstance(None, type(None)), isinstance(int, type), isinstance(type, type), isinstance(type, object))
print(isinstance(1, object), isinstance(object, object), isinstance(len, object))
print(issubclass(bool, int), issubclass(int, bool), issubclass(int, int), issubclass(int, object))
print(issubclass(bool, (str, int)), issubclass(list, (str, tuple)))
class A:
    pass
class B(A):
    pass
class C(B):
    pass
print(isinstance(C(), A), isinstance(A(), C), issubclass(C, A), issubclass(A, C), issubclass(C, (int, B)))
print(issubclass(KeyError, LookupError), issubclass(KeyError, Exception), issubclass(StopIteration, Exception))
print(issubclass(KeyboardInterrupt, Exception), issubclass(KeyboardInterrupt, BaseException))
try:
    isinstance(1, 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    issubclass(1, int)
except TypeError as e:
    print(type(e).__name__, e)
try:
    issubclass(int, 'int')
except TypeError as e:
    print(type(e).__name__, e)
print(isinstance(1, int | str), issubclass(bool, int | None))
