# Swapping and rotating through tuple assignment.
a, b = 1, 2
a, b = b, a
print(a, b)
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
x = [1, 2, 3, 4]
x[0], x[-1] = x[-1], x[0]
print(x)
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
print([fib(i) for i in range(12)])
m, n = 48, 18
while n:
    m, n = n, m % n
print('gcd', m)
p = q = 'same'
p, q = q + '1', p + '2'
print(p, q)
