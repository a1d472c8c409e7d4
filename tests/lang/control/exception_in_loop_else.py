# Loop else with exceptions: an exception skips else, a caught one inside does not.
def f(items):
    try:
        for v in items:
            if v < 0:
                raise ValueError(v)
        else:
            return 'else ran'
    except ValueError as e:
        return f'raised {e}'
print(f([1, 2]), f([1, -2]), f([]))
def g(items):
    out = []
    for v in items:
        try:
            out.append(10 // v)
        except ZeroDivisionError:
            out.append('div0')
            continue
        finally:
            out.append('.')
    else:
        out.append('else')
    return out
print(g([5, 0, 2]))
i = 0
while i < 3:
    try:
        i += 1
        if i == 2:
            raise KeyError(i)
    except KeyError as e:
        print('caught', e)
else:
    print('while else after caught exception, i =', i)
