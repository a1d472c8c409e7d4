# Assignment expressions inside comprehensions bind in the containing scope.
data = [3, 8, 1, 9, 4]
big = [y for x in data if (y := x * 2) > 10]
print(big, y)
def f():
    seen = []
    r = [last := v for v in 'abc']
    return r, last
print(f())
def running_total(values):
    total = 0
    return [total := total + v for v in values], total
print(running_total([1, 2, 3, 4]))
print(any((found := n) % 7 == 0 for n in [3, 5, 14, 21]), found)
class C:
    vals = [1, 2]
print([(z := v) for v in C.vals], z)
