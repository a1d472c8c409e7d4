# str() of containers uses repr() of their elements.
class Both:
    def __str__(self):
        return 'STR'
    def __repr__(self):
        return 'REPR'
b = Both()
print(b, str(b), repr(b), [b], (b,), {b: b}, {'k': b})
print(str(['a', "b'c", 'd"e']), str(('x',)), str({'s': 'v'}), str({1.5, 2.5} == {2.5, 1.5}))
print(str([1.0, 2.50, 1e100, float('nan')]), str([None, True, ...]), str([[], {}, ()]))
print(f'{[b]}', '%s' % [b], '{}'.format((b, 'q')))
print(str(b'bytes'), str([b'x']), str(bytearray(b'y')))
print(str(range(3)), str([range(2)]), str(slice(1, None)))
