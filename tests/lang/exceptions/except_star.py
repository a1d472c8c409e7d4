# except* with ExceptionGroup.
def show(eg, indent=0):
    pad = ' ' * indent
    if isinstance(eg, BaseExceptionGroup):
        print(pad + type(eg).__name__, repr(eg.message), len(eg.exceptions))
        for sub in eg.exceptions:
            show(sub, indent + 2)
    else:
        print(pad + repr(eg))
eg = ExceptionGroup('group', [ValueError(1), TypeError(2), ValueError(3)])
show(eg)
print(str(eg), repr(eg))
try:
    raise eg
except* ValueError as e:
    print('ValueError part:')
    show(e)
except* TypeError as e:
    print('TypeError part:')
    show(e)
# unmatched parts propagate as a new group
try:
    try:
        raise ExceptionGroup('g', [ValueError('v'), KeyError('k')])
    except* ValueError:
        print('handled ValueError')
except ExceptionGroup as rest:
    print('propagated:')
    show(rest)
# a naked exception is wrapped in a group for except*
try:
    raise KeyError('naked')
except* KeyError as e:
    show(e)
# nested groups keep structure
try:
    raise ExceptionGroup('outer', [ValueError(1), ExceptionGroup('inner', [ValueError(2), OSError(3)])])
except* ValueError as e:
    show(e)
except* OSError as e:
    show(e)
# subgroup and split
g = ExceptionGroup('g', [ValueError(1), TypeError(2), ExceptionGroup('n', [ValueError(3)])])
match, rest = g.split(ValueError)
show(match); show(rest)
show(g.subgroup(TypeError))
print(g.subgroup(KeyError))
show(g.subgroup(lambda e: isinstance(e, ValueError) and e.args[0] > 1))
# BaseExceptionGroup vs ExceptionGroup
bg = BaseExceptionGroup('b', [ValueError(1)])
print(type(bg).__name__)
bg2 = BaseExceptionGroup('b', [KeyboardInterrupt()])
print(type(bg2).__name__)
try:
    ExceptionGroup('x', [KeyboardInterrupt()])
except TypeError as e:
    print(type(e).__name__, e)
try:
    ExceptionGroup('x', [])
except ValueError as e:
    print(type(e).__name__, e)
try:
    ExceptionGroup('x', [1])
except ValueError as e:
    print(type(e).__name__, e)
# raising a new exception inside except*
try:
    try:
        raise ExceptionGroup('g', [ValueError('v')])
    except* ValueError:
        raise RuntimeError('replacement')
except (ExceptionGroup, RuntimeError) as e:
    show(e)
    show(e.__context__)
# matching with a tuple
try:
    raise ExceptionGroup('g', [ValueError(1), TypeError(2), KeyError(3)])
except* (ValueError, TypeError) as e:
    show(e)
except* KeyError as e:
    show(e)
try:
    try:
        raise ExceptionGroup('g', [ValueError(1)])
    except* ExceptionGroup:
        pass
except TypeError as e:
    print(type(e).__name__, e)
