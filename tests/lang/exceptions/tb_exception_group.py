# An uncaught ExceptionGroup with a nested group: the boxed traceback format.
def task(n):
    if n == 1:
        raise ValueError(f'task {n} failed')
    if n == 2:
        raise TypeError(f'task {n} bad type')
def run_all():
    errors = []
    for n in (1, 2):
        try:
            task(n)
        except Exception as e:
            errors.append(e)
    inner = ExceptionGroup('inner group', [KeyError('k')])
    raise ExceptionGroup('several tasks failed', errors + [inner])
run_all()
