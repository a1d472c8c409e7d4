# A traceback through a list comprehension and a generator expression frame.
data = ['1', '2', 'x']
try:
    print([int(s) for s in data])
except ValueError as e:
    print(type(e).__name__, e)
print(sum(int(s) for s in data))
