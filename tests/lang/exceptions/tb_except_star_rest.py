# except* handles part of a group; the unhandled part propagates uncaught.
try:
    raise ExceptionGroup('batch', [ValueError('v1'), OSError('disk'), ValueError('v2')])
except* ValueError as eg:
    print('handled', [str(e) for e in eg.exceptions])
