# NameError messages.
def attempt(fn):
    try:
        fn()
    except NameError as e:
        print(type(e).__name__, e, e.args)
attempt(lambda: undefined_variable)
attempt(lambda: undefined_function())
def f():
    return missing_global + 1
attempt(f)
def g():
    def inner():
        return late
    r = inner()
    late = 1
    return r
attempt(g)
attempt(lambda: [nope for _ in range(1)])
class C:
    try:
        print(not_in_class)
    except NameError as e:
        print('class body', type(e).__name__, e)
try:
    del never_defined
except NameError as e:
    print(type(e).__name__, e)
try:
    __undefined_dunder__
except NameError as e:
    print(type(e).__name__, e)
