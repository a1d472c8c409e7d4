# Defining and calling functions; return values.
def add(a, b):
    return a + b
def no_return():
    x = 1
def bare_return():
    return
def multi():
    return 1, 'two', [3]
print(add(1, 2), add('a', 'b'), add([1], [2]))
print(no_return(), bare_return(), multi())
r = multi()
print(type(r).__name__, len(r))
def early(n):
    if n < 0:
        return 'neg'
    return 'non-neg'
print(early(-1), early(1))
f = add
print(f(10, 20), f is add, callable(f), callable(5))
def outer():
    def inner():
        return 'inner result'
    return inner
print(outer()())
print(type(add).__name__)
def redefine():
    return 1
def redefine():
    return 2
print(redefine())
funcs = {'add': add, 'neg': lambda v: -v}
print(funcs['add'](2, 3), funcs['neg'](4))
def cond_def(flag):
    if flag:
        def g():
            return 'A'
    else:
        def g():
            return 'B'
    return g()
print(cond_def(True), cond_def(False))
