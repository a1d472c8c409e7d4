# type() of values and the names and reprs of built-in types.
for v in [1, 1.0, 1j, 'a', b'a', True, None, [], (), {}, set(), frozenset(), range(1), len, print,
          type, object(), bytearray(), ..., NotImplemented, (x for x in []), lambda: 0, slice(1)]:
    print(type(v).__name__, type(v))
print(type(1) is int, type(True) is bool, type(True) is int, type(type) is type)
print(int, str, list, dict, object, type(None), bool, BaseException, ValueError)
class Mine:
    pass
print(type(Mine()).__name__, type(Mine).__name__, Mine.__name__, Mine.__qualname__, Mine.__module__)
print(type(Mine()) is Mine, type(Mine) is type)
print(repr(Mine)[:17])
T = type('Dynamic', (), {'attr': 5})
print(T.__name__, T.attr, type(T()).__name__)
try:
    type(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
