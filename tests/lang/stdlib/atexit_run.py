# atexit._run_exitfuncs runs the callbacks now and clears them; _clear drops them unrun;
# a callback registered while they run is not run; at exit, the main program's output is
# flushed after the callbacks wrote theirs.
import atexit

atexit.register(print, 'first')
atexit.register(lambda: atexit.register(print, 'registered while running'))
atexit.register(print, 'second', end=' (end kwarg)\n')
atexit._run_exitfuncs()
print('after _run_exitfuncs:', atexit._ncallbacks())
atexit.register(print, 'cleared')
atexit._clear()
print('after _clear:', atexit._ncallbacks())
atexit.register(print, 'at exit, after the main program')
print('main done', end='; ')
