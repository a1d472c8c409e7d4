# Conditional expressions.
x = 5
print('big' if x > 3 else 'small', 'big' if x > 10 else 'small')
print(1 if True else 1 / 0, 1 / 1 if False else 'no division')
print('a' if x < 0 else 'b' if x < 3 else 'c' if x < 10 else 'd')
f = lambda n: 'even' if n % 2 == 0 else 'odd'
print([f(i) for i in range(4)])
print((1 if x else 2) + 10, 1 if x else 2 + 10, 1 if not x else 2 + 10)
log = []
def t(v):
    log.append(v)
    return v
r = t('yes') if t(0) else t('no')
print(r, log)
y = [] if x == 5 else [1]
print(y)
print(x if x is not None else 'default')
print(sum(i if i % 2 else -i for i in range(6)))
