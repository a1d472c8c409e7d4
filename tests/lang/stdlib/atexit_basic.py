# atexit: callbacks run last-registered first after the main program, with their
# arguments; one that raises is reported as unraisable and the rest still run; unregister
# leaves the count (_ncallbacks) alone; _run_exitfuncs runs and clears.
import atexit
import sys


class Named:
    # A callable with a stable repr, for the "Exception ignored" line.
    def __init__(self, name, action):
        self.name, self.action = name, action

    def __repr__(self):
        return f'<callback {self.name}>'

    def __call__(self, *args, **kwargs):
        return self.action(*args, **kwargs)


def show(*args, **kwargs):
    print('show', args, kwargs)


def fail():
    print('fail runs')
    raise ValueError('boom')


print(atexit.register(show, 1, key='v') is show)
atexit.register(Named('fail', fail))
atexit.register(show, 'unregistered')
print(atexit._ncallbacks())
print(atexit.unregister(show))
print(atexit._ncallbacks())
atexit.register(show, 'last registered')
atexit.register(Named('exit', lambda: sys.exit(7)))

for bad in [(), (1,)]:
    try:
        atexit.register(*bad)
    except TypeError as e:
        print('TypeError:', e)

print(callable(atexit._run_exitfuncs), callable(atexit._clear))


@atexit.register
def decorated():
    print('decorated: registered with the decorator, runs first')


print('main program done')
