# Functions as values: passing, returning, storing.
def apply(fn, *args):
    return fn(*args)
print(apply(max, 3, 9, 2), apply(str.upper, 'x'), apply(lambda: 'thunk'))
def twice(fn):
    return lambda x: fn(fn(x))
print(twice(lambda x: x + 3)(10), twice(twice(lambda x: x * 2))(1))
def pipeline(*fns):
    def run(v):
        for f in fns:
            v = f(v)
        return v
    return run
print(pipeline(str.strip, str.lower, len)('  HeLLo  '))
ops = {'+': lambda a, b: a + b, '-': lambda a, b: a - b, '*': lambda a, b: a * b}
print([ops[o](6, 3) for o in '+-*'])
def memo(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return wrapper
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(90))
bound = [1, 2, 3].append
print(bound(4), bound.__self__, bound.__name__)
m = 'abc'.upper
print(m())
