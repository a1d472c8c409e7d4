# try/except/else/finally in every combination and their order.
def run(raise_it):
    log = []
    try:
        log.append('try')
        if raise_it:
            raise ValueError
    except ValueError:
        log.append('except')
    else:
        log.append('else')
    finally:
        log.append('finally')
    return log
print(run(False), run(True))
def try_finally(raise_it):
    log = []
    try:
        try:
            log.append('try')
            if raise_it:
                raise KeyError
        finally:
            log.append('finally')
    except KeyError:
        log.append('outer except')
    return log
print(try_finally(False), try_finally(True))
def try_except_else(raise_it):
    try:
        if raise_it:
            raise IndexError('x')
    except IndexError as e:
        return 'except ' + str(e)
    else:
        return 'else'
print(try_except_else(False), try_except_else(True))
# multiple except clauses: first match wins
def which(exc):
    try:
        raise exc
    except KeyError:
        return 'KeyError clause'
    except LookupError:
        return 'LookupError clause'
    except (TypeError, ValueError) as e:
        return 'tuple clause ' + type(e).__name__
    except Exception:
        return 'Exception clause'
for exc in (KeyError, IndexError, TypeError, ValueError, ZeroDivisionError):
    print(exc.__name__, '->', which(exc))
# exception in else is not caught by the same try
def else_raises():
    try:
        try:
            pass
        except ValueError:
            return 'inner except'
        else:
            raise ValueError('from else')
    except ValueError as e:
        return 'outer caught ' + str(e)
print(else_raises())
# exception in except clause propagates, finally still runs
def except_raises():
    log = []
    try:
        try:
            raise ValueError
        except ValueError:
            log.append('except')
            raise TypeError('new')
        finally:
            log.append('finally')
    except TypeError as e:
        log.append('outer ' + str(e))
    return log
print(except_raises())
# the as-name is deleted after the except clause
try:
    raise ValueError
except ValueError as err:
    pass
try:
    err
except NameError as e:
    print(type(e).__name__, e)
err = 'kept?'
try:
    raise ValueError
except ValueError as err:
    pass
print('err' in dir())
