# Control flow through try/except/else/finally.
def f(kind):
    log = []
    try:
        log.append('try')
        if kind == 'raise':
            raise ValueError('boom')
        if kind == 'return':
            return log + ['returned']
    except ValueError as e:
        log.append('except ' + str(e))
    else:
        log.append('else')
    finally:
        log.append('finally')
    return log
print(f('normal'))
print(f('raise'))
print(f('return'))
def g():
    try:
        return 'try'
    finally:
        return 'finally wins'
print(g())
def h():
    try:
        raise KeyError('lost')
    finally:
        return 'swallowed'
print(h())
def k():
    x = 1
    try:
        return x
    finally:
        x = 2
print(k())
try:
    try:
        raise TypeError('inner')
    finally:
        print('inner finally')
except TypeError as e:
    print('outer caught', e)
try:
    pass
except Exception:
    print('no')
else:
    print('else runs when nothing raised')
e = 'before'
try:
    raise ValueError('x')
except ValueError as e:
    pass
try:
    print(e)
except NameError as err:
    print(type(err).__name__, err)
