# int(), float(), str(), bool() conversions.
print(int(), int(3.9), int(-3.9), int(True), int('  12 '), int('-0'), int(1e20), int('ff', 16), int('0b101', 0))
print(float(), float(3), float('3.5'), float(' -1e3 '), float(True), float('-0'))
print(str(), str(5), str(-2.5), str(None), str(True), str([1, 'a']), str(b'x'), str('same'))
print(bool(), bool(0), bool(1), bool(''), bool('False'), bool([]), bool([0]), bool(None), bool(0.0))
print(int(2 ** 70 + 0.0), int(float('1e30')), int('1' * 30))
class Intable:
    def __int__(self):
        return 42
class Indexable:
    def __index__(self):
        return 7
class Floatable:
    def __float__(self):
        return 2.5
print(int(Intable()), int(Indexable()), float(Floatable()), float(Indexable()))
for bad in ['abc', '1.5', '', '0x10']:
    try:
        int(bad)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    int(float('inf'))
except OverflowError as e:
    print(type(e).__name__, e)
try:
    int(float('nan'))
except ValueError as e:
    print(type(e).__name__, e)
try:
    int(None)
except TypeError as e:
    print(type(e).__name__, e)
try:
    int([1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    float([1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    int('10', base=37)
except ValueError as e:
    print(type(e).__name__, e)
try:
    int(5, 10)
except TypeError as e:
    print(type(e).__name__, e)
print(str(1.0), str(10 ** 16 * 1.0), str(0.1), str(-0.0), str(float('inf')))
