# Lambda expressions.
sq = lambda x: x * x
print(sq(7), sq.__name__, (lambda: 'no args')(), (lambda *a, **k: (a, k))(1, b=2))
add = lambda a, b=10: a + b
print(add(1), add(1, 2), add(b=1, a=2))
print(sorted(['bb', 'a', 'ccc'], key=lambda s: -len(s)))
print(list(map(lambda x: x + 1, [1, 2])), list(filter(lambda x: x % 2, range(6))))
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
adders = [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in adders])
print((lambda x: (lambda y: x + y))(3)(4))
cond = lambda n: 'pos' if n > 0 else 'zero' if n == 0 else 'neg'
print(cond(5), cond(0), cond(-5))
kwonly = lambda *, k: k
print(kwonly(k='kw'))
posonly = lambda a, /: a
print(posonly(1))
print((lambda: (yield))().__class__.__name__)
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(20))
print((lambda: 0).__qualname__, callable(lambda: 0))
