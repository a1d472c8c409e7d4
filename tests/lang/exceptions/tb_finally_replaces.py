# An exception raised in a finally block replaces the pending one, which becomes its context.
def work():
    try:
        raise IndexError('original problem')
    finally:
        cleanup()
def cleanup():
    raise OSError('cleanup failed')
work()
