# Ends with an uncaught TypeError raised inside a nested expression.
def total(xs):
    return sum(xs) + len(xs)

print(total([1, 2, 3]))
values = [1, 2, 'three']
print('before')
result = total(values) * 2
print('never printed', result)
