# UnboundLocalError: a name assigned anywhere in the function is local everywhere in it.
x = 10
def f():
    try:
        print(x)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    x = 5
    return x
print(f())
def g():
    try:
        x += 1
    except UnboundLocalError as e:
        print(type(e).__name__, e)
g()
def h(flag):
    if flag:
        y = 'set'
    return y
print(h(True))
try:
    h(False)
except UnboundLocalError as e:
    print(type(e).__name__, e)
def loop_var():
    for i in range(0):
        pass
    return i
try:
    loop_var()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def after_del():
    z = 1
    del z
    return z
try:
    after_del()
except UnboundLocalError as e:
    print(type(e).__name__, e)
print(issubclass(UnboundLocalError, NameError))
def in_except():
    try:
        raise ValueError
    except ValueError as err:
        pass
    return err
try:
    in_except()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def import_like():
    if False:
        sys = None
    return sys
try:
    import_like()
except UnboundLocalError as e:
    print(type(e).__name__, e)
