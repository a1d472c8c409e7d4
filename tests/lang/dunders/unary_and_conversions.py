# Conversion dunders: __int__, __float__, __complex__, __round__, __trunc__, __floor__, __ceil__, __bytes__.
class N:
    def __int__(self): return 42
    def __float__(self): return 2.5
    def __complex__(self): return 1+2j
    def __round__(self, nd=None): return ('round', nd)
    def __trunc__(self): return 'trunc'
    def __bytes__(self): return b'bytes!'
n = N()
print(int(n), float(n), complex(n))
print(round(n), round(n, 2))
print(bytes(n))
class BadInt:
    def __int__(self):
        return 'x'
try:
    int(BadInt())
except TypeError as e:
    print(type(e).__name__, e)
class BadFloat:
    def __float__(self):
        return 1
try:
    float(BadFloat())
except TypeError as e:
    print(type(e).__name__, e)
class Nothing:
    pass
for conv in (int, float, complex):
    try:
        conv(Nothing())
    except TypeError as e:
        print(type(e).__name__, e)
try:
    round(Nothing())
except TypeError as e:
    print(type(e).__name__, e)
class IndexOnly:
    def __index__(self):
        return 7
print(int(IndexOnly()), float(IndexOnly()), complex(IndexOnly()))
print(round(2.5), round(3.5), round(-0.5), round(1.25, 1), round(15, -1))
