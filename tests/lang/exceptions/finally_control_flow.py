# return/break/continue inside finally override pending exceptions and returns.
def ret_in_finally():
    try:
        raise ValueError('lost')
    finally:
        return 'finally wins'
print(ret_in_finally())
def ret_overrides_ret():
    try:
        return 'try'
    finally:
        return 'finally'
print(ret_overrides_ret())
def finally_sees_return_value():
    x = 1
    try:
        return x
    finally:
        x = 2
        print('finally ran, x =', x)
print(finally_sees_return_value())
def break_in_finally():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            break
    return 'broke at ' + str(i)
print(break_in_finally())
def continue_in_finally():
    out = []
    for i in range(3):
        try:
            if i == 1:
                raise RuntimeError
            out.append(i)
        finally:
            continue
    return out
print(continue_in_finally())
def return_in_try_with_break():
    for i in range(3):
        try:
            return 'from try'
        finally:
            if i == 0:
                break
    return 'after loop'
print(return_in_try_with_break())
def nested_finally():
    log = []
    try:
        try:
            return log
        finally:
            log.append('inner')
    finally:
        log.append('outer')
print(nested_finally())
def count_finally():
    n = 0
    while True:
        try:
            n += 1
            if n < 3:
                continue
            break
        finally:
            print('finally', n)
    return n
print(count_finally())
def exc_info_in_finally():
    import sys
    try:
        raise ValueError('v')
    except ValueError:
        pass
    finally:
        print('in finally exc_info:', sys.exc_info()[0])
exc_info_in_finally()
def generator_finally():
    try:
        yield 1
        yield 2
    finally:
        print('gen finally')
g = generator_finally()
print(next(g))
g.close()
print('closed')
